using Mace.Runtime.Tracing;

namespace Mace.Checking.Tracing;

/// <summary>One step of a trace: its number, the node it ran on, the event, what the services logged, and the node's state changes.</summary>
public sealed record TraceStep(int Step, int Node, string Event, IReadOnlyList<string> Records, IReadOnlyList<string> Changes)
{
    /// <summary>The kind of event the checker chose (Lane, TcpDeliver, UdpDeliver, Timer, Crash, Restart, Loss, Break).</summary>
    public string Kind { get; init; } = "";

    /// <summary>The world's virtual time when the step ran.</summary>
    public DateTime Time { get; init; }

    /// <summary>The services' trace records of the step, as they were recorded.</summary>
    public IReadOnlyList<TraceRecord> Entries { get; init; } = [];

    /// <summary>The node's printed state after the step, every service, one line each.</summary>
    public IReadOnlyList<string> StateAfter { get; init; } = [];

    /// <summary>For a delivery, the node that sent the message; -1 otherwise.</summary>
    public int SenderNode { get; init; } = -1;

    /// <summary>For a delivery, the step that sent the message (0: the sender's start).</summary>
    public int SenderStep { get; init; }
}
