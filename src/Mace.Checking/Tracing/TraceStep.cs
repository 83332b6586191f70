namespace Mace.Checking.Tracing;

/// <summary>One step of a trace: its number, the node it ran on, the event, what the services logged, and the node's state changes.</summary>
public sealed record TraceStep(int Step, int Node, string Event, IReadOnlyList<string> Records, IReadOnlyList<string> Changes);
