using Mace.Runtime;
using Mace.Runtime.Serialization;
using Mace.Runtime.Timers;

namespace Mace.Checking.Tests;

/// <summary>
/// A hand-written service whose pending work refers to objects its own events create: a post's
/// closure fills the list <see cref="Box"/> points at, and a timer with an argument re-arms itself
/// with a drawn value. A local replay re-creates those objects, so the restored world must run the
/// re-created work, not the original (which would fill a list nobody reads any more).
/// </summary>
public sealed class Juggler : ServiceBase
{
    private static readonly TimeSpan s_delay = TimeSpan.FromSeconds(1);

    public Juggler(Node node)
        : base(node)
    {
        Tick = new MaceTimer<int>(this, "Tick", OnTick);
    }

    public override string ServiceName => "Juggler";

    public MaceTimer<int> Tick { get; }

    public int Counter { get; private set; }

    public List<int> Box { get; private set; } = [];

    public override void MaceInit() => RunLifecycle(() =>
    {
        var box = new List<int>();
        Box = box;
        Node.Post(() => box.Add(RandInt(3)));
        Tick.Schedule(s_delay, 1);
    });

    public override void MaceExit() => RunLifecycle(Tick.Cancel);

    public override void MaceReset() => RunLifecycle(() =>
    {
        Tick.Cancel();
        Counter = 0;
        Box = [];
    });

    public override void WriteState(ref MaceWriter writer)
    {
        writer.WriteInt32(Counter);
        writer.WriteLength(Box.Count);
        foreach (var value in Box) writer.WriteInt32(value);
    }

    private void OnTick(int step)
    {
        Counter += step;
        var box = Box;
        Node.Post(() => box.Add(Counter));
        if (Counter < 4) Tick.Schedule(s_delay, RandInt(2) + 1);
    }

    /// <summary>Safety: no node's box holds a 2 after its counter passed 3 (reachable: a seeded "bug").</summary>
    public static IReadOnlyList<MaceProperty<Juggler>> Properties { get; } =
        [new("NoLateTwo", PropertyKind.Safety, nodes => !nodes.Any(n => n.Counter > 3 && n.Box.Contains(2)))];
}
