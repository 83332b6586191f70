using Mace.Checking.Execution;
using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>
/// The exhaustive search's local restore (a snapshot plus a replay of the node that stepped) is a
/// speed option only: with it on or off the search finds the same states in the same order.
/// </summary>
public sealed class LocalRestoreTests
{
    private static readonly CheckTest<Juggler> s_juggler = new("Juggler", 2, (node, _) => new Juggler(node), Juggler.Properties)
    {
        Driver = d => d.Post("Nudge()", s => s.Box.Add(7)),
    };

    public static TheoryData<string, FaultKinds, TimeMode> Cases => new()
    {
        { "TwoPhaseCommit", FaultKinds.None, TimeMode.Frozen },
        { "TwoPhaseCommit", FaultKinds.Crash | FaultKinds.Restart | FaultKinds.Error, TimeMode.Frozen },
        { "TwoPhaseCommit.CommitOnFirstYes", FaultKinds.None, TimeMode.Frozen },
        { "Election", FaultKinds.Crash | FaultKinds.Error, TimeMode.Frozen },
        { "Election.VoteTwice", FaultKinds.None, TimeMode.Frozen },
        { "Tree", FaultKinds.Crash | FaultKinds.Restart, TimeMode.Frozen },
        { "Tree.OrphanBecomesRoot", FaultKinds.Crash | FaultKinds.Restart | FaultKinds.Error, TimeMode.Frozen },
        { "UdpJoin", FaultKinds.Loss, TimeMode.Frozen },
        { "UdpJoin", FaultKinds.Loss | FaultKinds.Crash | FaultKinds.Restart, TimeMode.Advancing },
        { "UdpJoin", FaultKinds.Loss | FaultKinds.Crash, TimeMode.Ordered },
        { "UdpJoin.NoRetry", FaultKinds.Loss, TimeMode.Frozen },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LocalRestore_OnOrOff_SameSearch(string name, FaultKinds faults, TimeMode time)
    {
        var test = CheckTestRegistry.FromAssemblies([typeof(SampleCheckTests).Assembly]).Find(name)!;
        var options = test.Defaults with { Depth = 7, Walks = 10, Faults = faults, Time = time, MaxCrashes = 1, MaxRestarts = 1 };

        AssertSameSearch(test, options);
    }

    [Fact]
    public void LocalRestore_PostsAndTimersHoldingReplayedObjects_SameSearch()
    {
        var restored = AssertSameSearch(s_juggler, new CheckOptions { Depth = 12, Walks = 0 });

        Assert.False(restored.Passed);
        Assert.Equal("NoLateTwo", restored.Violation!.Property);
    }

    [Fact]
    public void LocalRestore_TwoPhaseCommit7_RestoresInsteadOfReplaying()
    {
        var result = ModelChecker.Check(TwoPhaseCommitTests.Large, new CheckOptions { Depth = 8, RunWalks = false });

        // Every expanded state is re-executed once (none is quiescent this shallow); its other
        // successors come from restores, none of which failed over to a re-execution.
        Assert.True(result.Stats.Restores > result.Stats.Replays);
        Assert.Equal(result.Stats.Generated, result.Stats.Restores + result.Stats.Replays);
    }

    [Fact]
    public void Restore_AfterEachOption_WorldBackAtSnapshot()
    {
        var test = SampleCheckTests.UdpJoinFixed;
        var options = test.Defaults with { Faults = FaultKinds.Loss | FaultKinds.Crash | FaultKinds.Restart };
        var chooser = new Search.ScriptedChooser();
        var world = new CheckWorld(test, options, chooser);
        world.DecideLocalRestore();
        world.RecordHistory = true;
        chooser.Start([], 0);
        world.Reset();
        Assert.True(world.Step());
        var before = world.ComputeHash();
        var enabled = world.EnabledCount;
        var snapshot = new WorldSnapshot(world.NodeCount);
        world.TakeSnapshot(snapshot);

        for (var option = 0; option < enabled; option++)
        {
            chooser.Start([option], 1);
            Assert.True(world.Step());
            Assert.NotEqual(before, world.ComputeHash());
            Assert.True(world.RestoreSnapshot(snapshot));
            Assert.Equal(before, world.ComputeHash());
            Assert.Equal(enabled, world.EnabledCount);
        }
    }

    private static CheckResult AssertSameSearch(CheckTest test, CheckOptions options)
    {
        var restored = ModelChecker.Check(test, options with { LocalRestore = true });
        var replayed = ModelChecker.Check(test, options with { LocalRestore = false });

        Assert.True(restored.Stats.Restores > 0);
        Assert.Equal(0, replayed.Stats.Restores);
        Assert.Equal(replayed.Stats.Generated, restored.Stats.Generated);
        Assert.Equal(replayed.Stats.Unique, restored.Stats.Unique);
        Assert.Equal(replayed.Stats.Steps, restored.Stats.Steps);
        Assert.Equal(replayed.Stats.Depth, restored.Stats.Depth);
        Assert.Equal(replayed.Passed, restored.Passed);
        Assert.Equal(replayed.Counterexample?.ToJson(), restored.Counterexample?.ToJson());
        return restored;
    }
}
