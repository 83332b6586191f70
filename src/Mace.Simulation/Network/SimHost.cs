using Mace.Runtime;

namespace Mace.Simulation.Network;

/// <summary>
/// One simulated machine at a fixed address: its place in the latency model, its uplink, and
/// the environment of its current incarnation. Crashing kills the incarnation; restarting gives
/// the host a new one. Engine thread only.
/// </summary>
public sealed class SimHost
{
    internal SimHost(int id, int location, long uplinkBitsPerSecond, long downlinkBitsPerSecond = 0)
    {
        DownlinkBitsPerSecond = downlinkBitsPerSecond;
        Id = id;
        Address = NodeAddress.Simulated(id);
        Location = location;
        UplinkBitsPerSecond = uplinkBitsPerSecond;
    }

    /// <summary>The host id (the simulated address's id).</summary>
    public int Id { get; }

    /// <summary>The host's address.</summary>
    public NodeAddress Address { get; }

    /// <summary>The host's location in the latency model.</summary>
    public int Location { get; }

    /// <summary>The uplink rate in bits per second; zero when bandwidth is unlimited.</summary>
    public long UplinkBitsPerSecond { get; }

    /// <summary>The downlink rate in bits per second; zero when the downlink is not modelled (unlimited).</summary>
    public long DownlinkBitsPerSecond { get; }

    /// <summary>When the downlink finishes receiving everything reserved on it so far (virtual ticks).</summary>
    internal long DownlinkFreeAt { get; set; }

    /// <summary>When the uplink finishes sending everything queued so far (virtual ticks).</summary>
    internal long UplinkFreeAt { get; set; }

    /// <summary>
    /// The environment of the current (or last) incarnation; null before the first start, and after
    /// churn has removed the host for good (<see cref="ReleaseIncarnation"/>).
    /// </summary>
    public SimNodeEnvironment? Environment { get; internal set; }

    /// <summary>The number of incarnations started (the current one's number).</summary>
    public int Incarnation { get; internal set; }

    /// <summary>True while an incarnation runs.</summary>
    public bool IsAlive => Environment is { IsAlive: true };

    /// <summary>The current incarnation's node, or null when none runs.</summary>
    public Node? Node => IsAlive ? Environment!.Node : null;

    /// <summary>Which side of a partition the host is on; hosts talk only within one group.</summary>
    public int PartitionGroup { get; internal set; }

    /// <summary>Payload bytes sent over the whole run, all incarnations.</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Messages sent over the whole run.</summary>
    public long MessagesSent { get; internal set; }

    /// <summary>Payload bytes delivered to this host.</summary>
    public long BytesReceived { get; internal set; }

    /// <summary>Messages delivered to this host.</summary>
    public long MessagesReceived { get; internal set; }

    /// <summary>
    /// Forgets a dead incarnation, so that its node and services can be collected. Messages and
    /// timers still in flight to or from it are dropped as they would be for any dead incarnation.
    /// </summary>
    internal void ReleaseIncarnation()
    {
        if (IsAlive) throw new InvalidOperationException($"{this} is still running");
        Environment = null;
        Released = true;
    }

    /// <summary>True once churn has removed the host for good: no incarnation of it will run again.</summary>
    internal bool Released { get; private set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Address} (incarnation {Incarnation}, {(IsAlive ? "alive" : "dead")})";
}
