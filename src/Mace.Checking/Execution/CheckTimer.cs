using Mace.Runtime;

namespace Mace.Checking.Execution;

/// <summary>A pending timer of one node incarnation. Time is abstract: any pending timer may fire next.</summary>
internal sealed class CheckTimer : ITimerHandle
{
    private readonly CheckWorld _world;

    public CheckTimer(CheckWorld world, int node, long delayTicks, DateTime due, Action work, int seq)
    {
        Seq = seq;
        _world = world;
        Node = node;
        DelayTicks = delayTicks;
        Due = due;
        Work = work;
    }

    public int Node { get; }

    public long DelayTicks { get; }

    public DateTime Due { get; }

    public Action Work { get; }

    /// <summary>The number of timers the node's incarnation set before this one (its identity across a local replay).</summary>
    public int Seq { get; }

    public bool Pending { get; set; } = true;

    public void Cancel()
    {
        if (Pending) _world.CancelTimer(this);
    }
}
