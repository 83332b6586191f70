namespace Mace.Runtime.Tracing;

/// <summary>One structured trace record: an event of a service on a node, with optional details and state.</summary>
public readonly record struct TraceRecord(DateTime Time, NodeAddress Node, string Service, string Event, string? Details, string? State)
{
    /// <summary>The node's number for the event this record belongs to (<see cref="Runtime.Node.EventId"/>); records of one event share it.</summary>
    public long EventId { get; init; }

    /// <summary>The remote event that sent the message this event delivers; none for timers and calls.</summary>
    public CausalLink Cause { get; init; }

    /// <summary>The causal path the event is on (<see cref="Runtime.Node.PathId"/>); <c>default</c> when none.</summary>
    public System.Diagnostics.ActivityTraceId Path { get; init; }
}
