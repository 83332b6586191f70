namespace Mace.Simulation.Network;

/// <summary>
/// Link and loss parameters of the simulated network. Bandwidth is per host, on its access
/// links: a message waits for the sender's uplink (FIFO), takes (bytes + header) * 8 / rate to
/// serialize, then travels the latency model's one-way delay; with <see cref="LimitDownlink"/>
/// it then also waits for the receiver's downlink (FIFO in send order) and is serialized again
/// at the downlink's rate (store and forward), so many senders cannot push more into one host
/// than its downlink carries.
/// </summary>
public sealed record NetworkOptions
{
    /// <summary>False for infinitely fast links (no serialization delay or queueing).</summary>
    public bool LimitBandwidth { get; init; } = true;

    /// <summary>The lower bound of each host's uplink rate, drawn uniformly per host.</summary>
    public double MinBandwidthMbps { get; init; } = 2;

    /// <summary>The upper bound of each host's uplink rate.</summary>
    public double MaxBandwidthMbps { get; init; } = 8;

    /// <summary>True to model each host's downlink too (off by default: an unlimited downlink, as before it existed).</summary>
    public bool LimitDownlink { get; init; }

    /// <summary>The lower bound of each host's downlink rate, drawn uniformly per host when <see cref="LimitDownlink"/> is on.</summary>
    public double MinDownlinkMbps { get; init; } = 10;

    /// <summary>The upper bound of each host's downlink rate.</summary>
    public double MaxDownlinkMbps { get; init; } = 10;

    /// <summary>Bytes added to each message on the wire (IP and TCP/UDP headers) for serialization delay.</summary>
    public int HeaderBytes { get; init; } = 40;

    /// <summary>Extra delay drawn uniformly in [0, fraction * latency] per message. TCP stays FIFO per pair.</summary>
    public double JitterFraction { get; init; }

    /// <summary>Probability a UDP datagram is lost (TCP is reliable: its losses are retransmitted away).</summary>
    public double UdpLoss { get; init; }

    /// <summary>Probability a UDP datagram is delivered twice.</summary>
    public double UdpDuplicate { get; init; }

    /// <summary>Probability a UDP datagram is held back by up to <see cref="UdpReorderDelay"/>, reordering it.</summary>
    public double UdpReorder { get; init; }

    /// <summary>The largest extra delay of a reordered datagram.</summary>
    public TimeSpan UdpReorderDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Checks the options, throwing <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (LimitBandwidth && (MinBandwidthMbps <= 0 || MaxBandwidthMbps < MinBandwidthMbps))
            throw new ArgumentException("bandwidth must be a range 0 < min <= max (Mbps)");
        if (LimitDownlink && (MinDownlinkMbps <= 0 || MaxDownlinkMbps < MinDownlinkMbps))
            throw new ArgumentException("downlink bandwidth must be a range 0 < min <= max (Mbps)");
        if (HeaderBytes < 0) throw new ArgumentException("HeaderBytes must not be negative");
        if (JitterFraction < 0) throw new ArgumentException("JitterFraction must not be negative");
        foreach (var (name, p) in new[] { ("UdpLoss", UdpLoss), ("UdpDuplicate", UdpDuplicate), ("UdpReorder", UdpReorder) })
        {
            if (p is < 0 or > 1) throw new ArgumentException($"{name} must be a probability in [0, 1]");
        }
    }
}
