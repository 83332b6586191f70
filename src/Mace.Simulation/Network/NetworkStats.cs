namespace Mace.Simulation.Network;

/// <summary>Counters kept by the simulated network over a whole run. Engine thread only.</summary>
public sealed class NetworkStats
{
    /// <summary>Messages handed to a transport.</summary>
    public long MessagesSent { get; internal set; }

    /// <summary>Payload bytes handed to a transport.</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Messages delivered to a receiver.</summary>
    public long MessagesDelivered { get; internal set; }

    /// <summary>UDP datagrams lost.</summary>
    public long Lost { get; internal set; }

    /// <summary>UDP datagrams duplicated.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Messages dropped because the destination was dead or a newer incarnation.</summary>
    public long DroppedDeadPeer { get; internal set; }

    /// <summary>Messages dropped by a partition.</summary>
    public long DroppedPartition { get; internal set; }

    /// <summary>Messages dropped because their sender's incarnation died in flight.</summary>
    public long DroppedStaleSender { get; internal set; }

    /// <summary>Messages for which the receiving node had no transport or handler.</summary>
    public long DroppedNoReceiver { get; internal set; }

    /// <summary>Messages whose receiver threw <see cref="Runtime.Serialization.MaceFormatException"/>.</summary>
    public long FormatErrors { get; internal set; }

    /// <summary>Error upcalls raised by TCP-like transports.</summary>
    public long TransportErrors { get; internal set; }

    /// <summary>Events that threw and were abandoned (other than format errors).</summary>
    public long FailedEvents { get; internal set; }

    /// <summary>Events of dead incarnations dropped when they came due.</summary>
    public long StaleEvents { get; internal set; }
}
