using Mace.Checking.Execution;
using Mace.Runtime;
using Mace.TestServices;

namespace Mace.Checking.Tests;

/// <summary>What <see cref="TimeMode"/> lets fire: any pending timer, or (Ordered) only the ones due first.</summary>
public sealed class TimeModeTests
{
    // Two beacons that know no one: the only events are their recurring timers, 200 ms and 700 ms.
    private static readonly CheckTest<Beacon> s_twoClocks = new("Beacon.TwoClocks", 2,
        (node, index) => Beacon.Create(node, Period: TimeSpan.FromMilliseconds(index == 0 ? 200 : 700)), []);

    /// <summary>Always takes the last option offered: the timer listed last, whatever its due time.</summary>
    private sealed class LastOption : IChooser
    {
        public int Choose(int count, ChoiceKind kind) => count - 1;
    }

    private static List<TimeSpan> FiringTimes(TimeMode time, int steps)
    {
        var world = new CheckWorld(s_twoClocks, new CheckOptions { Time = time }, new LastOption());
        world.Reset();
        var times = new List<TimeSpan>();
        for (var s = 0; s < steps && world.Step(); s++) times.Add(world.Now - CheckWorld.Epoch);
        return times;
    }

    [Fact]
    public void Ordered_TimersFireInDueOrder()
    {
        var times = FiringTimes(TimeMode.Ordered, 6);

        Assert.Equal([200, 400, 600, 700, 800, 1000], times.Select(t => t.TotalMilliseconds));
    }

    [Fact]
    public void Advancing_AnyPendingTimerMayFire()
    {
        var times = FiringTimes(TimeMode.Advancing, 3);

        // The chooser keeps taking the timer listed last, the 700 ms beacon's: the 200 ms one, due
        // first, never fires.
        Assert.Equal([700, 1400, 2100], times.Select(t => t.TotalMilliseconds));
    }

    [Fact]
    public void Ordered_SameSearchEveryRun()
    {
        var test = CheckTestRegistry.FromAssemblies([typeof(Mace.CheckingServices.ServiceCheckTests).Assembly]).Find("BulletPrime")!;
        var options = test.Defaults with { Walks = 50 };
        var first = ModelChecker.Check(test, options);
        var second = ModelChecker.Check(test, options);

        Assert.True(first.Passed);
        Assert.Equal(first.Stats.Unique, second.Stats.Unique);
        Assert.Equal(first.Stats.Steps, second.Stats.Steps);
    }
}
