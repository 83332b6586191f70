using System.Diagnostics.CodeAnalysis;
using Mace.Runtime;
using Mace.Simulation.Engine;

namespace Mace.Simulation.Network;

/// <summary>
/// The simulated network: hosts, their placement in the latency model and their uplinks,
/// partitions, and the path of every message from send to delivery (or loss, or error).
/// </summary>
/// <remarks>
/// Determinism rule: every random draw (bandwidth, jitter, loss) comes from <see cref="Random"/>,
/// seeded from the run seed, in event order; draws are made only when the option asking for
/// them is on, so turning an unused option off does not shift other streams.
/// </remarks>
public sealed class SimNetwork
{
    private readonly List<SimHost> _hosts = [];
    private readonly SimRandom _placementRandom;

    /// <summary>A network on <paramref name="simulator"/> with delays from <paramref name="latency"/>.</summary>
    public SimNetwork(Simulator simulator, ILatencyModel latency, NetworkOptions options, ulong seed)
    {
        options.Validate();
        Simulator = simulator;
        Latency = latency;
        Options = options;
        Random = new SimRandom(SimRandom.Derive(seed, 1));
        _placementRandom = new SimRandom(SimRandom.Derive(seed, 2));
    }

    /// <summary>The engine.</summary>
    public Simulator Simulator { get; }

    /// <summary>The latency model.</summary>
    public ILatencyModel Latency { get; }

    /// <summary>Link and loss parameters.</summary>
    public NetworkOptions Options { get; }

    /// <summary>Counters over the run.</summary>
    public NetworkStats Stats { get; } = new();

    /// <summary>The network's random stream (jitter, loss, duplication, reordering).</summary>
    public SimRandom Random { get; }

    /// <summary>Every host ever added, by id.</summary>
    public IReadOnlyList<SimHost> Hosts => _hosts;

    /// <summary>Adds a host: places it in the latency model and draws its uplink rate.</summary>
    public SimHost AddHost()
    {
        var id = _hosts.Count;
        var location = Latency.Place(id, _placementRandom);
        long bitsPerSecond = 0;
        if (Options.LimitBandwidth)
        {
            var mbps = _placementRandom.NextDouble(Options.MinBandwidthMbps, Options.MaxBandwidthMbps);
            bitsPerSecond = (long)Math.Round(mbps * 1_000_000);
        }
        long downlinkBitsPerSecond = 0;
        if (Options.LimitDownlink)
        {
            // Drawn after the uplink and only when on, so runs without a downlink model keep their streams.
            var mbps = _placementRandom.NextDouble(Options.MinDownlinkMbps, Options.MaxDownlinkMbps);
            downlinkBitsPerSecond = (long)Math.Round(mbps * 1_000_000);
        }
        var host = new SimHost(id, location, bitsPerSecond, downlinkBitsPerSecond);
        _hosts.Add(host);
        return host;
    }

    /// <summary>The host with id <paramref name="id"/>, if any.</summary>
    public bool TryGetHost(int id, [NotNullWhen(true)] out SimHost? host)
    {
        host = (uint)id < (uint)_hosts.Count ? _hosts[id] : null;
        return host is not null;
    }

    /// <summary>The propagation delay in ticks from <paramref name="from"/> to <paramref name="to"/>, without jitter.</summary>
    public long OneWayTicks(SimHost from, SimHost to) => Latency.OneWayTicks(from.Location, to.Location);

    /// <summary>The time in ticks <paramref name="host"/>'s uplink needs for a message of <paramref name="payloadBytes"/>.</summary>
    public long TransmissionTicks(SimHost host, int payloadBytes) =>
        host.UplinkBitsPerSecond == 0 ? 0 : (payloadBytes + Options.HeaderBytes) * 8L * SimTime.TicksPerSecond / host.UplinkBitsPerSecond;

    /// <summary>Splits the hosts into groups that cannot reach each other; hosts not listed form group 0.</summary>
    public void Partition(params IReadOnlyList<int>[] groups)
    {
        foreach (var host in _hosts) host.PartitionGroup = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var id in groups[g]) _hosts[id].PartitionGroup = g + 1;
        }
    }

    /// <summary>Removes every partition.</summary>
    public void Heal()
    {
        foreach (var host in _hosts) host.PartitionGroup = 0;
    }

    /// <summary>True when no partition separates the two hosts.</summary>
    public static bool CanReach(SimHost a, SimHost b) => a.PartitionGroup == b.PartitionGroup;

    /// <summary>Queues a message on <paramref name="source"/>'s uplink; returns when its last bit leaves.</summary>
    internal long Departure(SimHost source, int payloadBytes)
    {
        source.BytesSent += payloadBytes;
        source.MessagesSent++;
        Stats.BytesSent += payloadBytes;
        Stats.MessagesSent++;
        var now = Simulator.Now;
        if (source.UplinkBitsPerSecond == 0) return now;
        var start = Math.Max(now, source.UplinkFreeAt);
        source.UplinkFreeAt = start + TransmissionTicks(source, payloadBytes);
        return source.UplinkFreeAt;
    }

    /// <summary>
    /// When a message whose last bit reaches <paramref name="destination"/>'s access link at
    /// <paramref name="atEdge"/> has been received: with a downlink model it waits for the downlink
    /// (reserved in send order, which can make a message that arrives early wait behind one sent
    /// before it) and takes its serialization time there.
    /// </summary>
    internal long Arrival(SimHost destination, long atEdge, int payloadBytes)
    {
        if (destination.DownlinkBitsPerSecond == 0) return atEdge;
        var start = Math.Max(atEdge, destination.DownlinkFreeAt);
        destination.DownlinkFreeAt = start + ((payloadBytes + Options.HeaderBytes) * 8L * SimTime.TicksPerSecond / destination.DownlinkBitsPerSecond);
        return destination.DownlinkFreeAt;
    }

    /// <summary>The propagation delay for one message, with jitter if configured.</summary>
    internal long Propagation(SimHost from, SimHost to)
    {
        var ticks = OneWayTicks(from, to);
        if (Options.JitterFraction > 0) ticks += (long)(Random.NextDouble() * Options.JitterFraction * ticks);
        return ticks;
    }

    internal void Schedule(SimMessage message, long arrival) =>
        Simulator.Schedule(arrival, message, null, 0, message.Destination.Id, SimEventKind.Deliver);

    internal void Deliver(SimMessage message)
    {
        var sender = message.Sender;
        var destination = message.Destination;
        if (!sender.Environment.IsAlive)
        {
            Stats.DroppedStaleSender++;
            return;
        }
        if (message.Connection is { } connection && (connection.Epoch != message.Epoch || connection.Broken))
        {
            Stats.DroppedDeadPeer++;
            return;
        }
        if (!CanReach(sender.Host, destination))
        {
            Stats.DroppedPartition++;
            Fail(message, TransportError.ConnectFailed);
            return;
        }
        var environment = destination.Environment;
        if (environment is null || !environment.IsAlive || (message.Connection is not null && environment.Incarnation != message.DestinationIncarnation))
        {
            Stats.DroppedDeadPeer++;
            Fail(message, TransportError.PeerDead);
            return;
        }
        var transport = environment.FindTransport(sender.Kind, sender.Index);
        if (transport is null)
        {
            Stats.DroppedNoReceiver++;
            return;
        }
        destination.MessagesReceived++;
        destination.BytesReceived += message.Bytes.Length;
        Stats.MessagesDelivered++;
        if (Simulator.DigestEnabled) Simulator.Digest.AddBytes(message.Bytes);
        transport.Deliver(sender.Host.Address, message.RegistrationId, message.Bytes, message.SenderEvent, message.Path);
    }

    internal void RaiseError(SimMessage message, TransportError error)
    {
        if (!message.Sender.Environment.IsAlive) return;
        Stats.TransportErrors++;
        message.Sender.RaiseError(message.Destination.Address, error);
    }

    private void Fail(SimMessage message, TransportError error)
    {
        if (message.Connection is not { } connection || connection.Broken) return;
        connection.Broken = true;
        var back = OneWayTicks(message.Destination, message.Sender.Host);
        Simulator.ScheduleAfter(back, message, null, 1 + (long)error, message.Sender.Host.Id, SimEventKind.TransportError);
    }
}
