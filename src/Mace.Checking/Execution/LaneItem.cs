namespace Mace.Checking.Execution;

/// <summary>Work queued on a node's lane: a driver's application event, a post, or a transport error upcall.</summary>
internal readonly record struct LaneItem(Action Work, string Label, ulong Hash);
