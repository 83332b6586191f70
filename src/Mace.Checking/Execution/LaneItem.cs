namespace Mace.Checking.Execution;

/// <summary>
/// Work queued on a node's lane: a driver's application event, a post, or a transport error upcall.
/// <paramref name="Seq"/> numbers the items the node's own code queued (driver start, posts) within
/// its incarnation, so a local replay can swap in the items it re-creates; -1 for items the world
/// queues itself (transport errors), whose work holds nothing the node re-creates.
/// </summary>
internal readonly record struct LaneItem(Action Work, string Label, ulong Hash, int Seq = -1);
