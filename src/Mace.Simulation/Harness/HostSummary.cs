namespace Mace.Simulation.Harness;

/// <summary>One host's totals over a run.</summary>
public sealed record HostSummary(int Id, int Incarnations, bool Alive, long BytesSent, long MessagesSent, long BytesReceived, long MessagesReceived);
