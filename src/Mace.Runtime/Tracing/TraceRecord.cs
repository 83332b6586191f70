namespace Mace.Runtime.Tracing;

/// <summary>One structured trace record: an event of a service on a node, with optional details and state.</summary>
public readonly record struct TraceRecord(DateTime Time, NodeAddress Node, string Service, string Event, string? Details, string? State);
