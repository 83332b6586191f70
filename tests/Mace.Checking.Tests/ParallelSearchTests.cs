using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>
/// Two threads (CheckOptions.Threads) are a speed option only: the exhaustive search finds the same
/// states with the same counters, and the walks report the same first violation, as one thread.
/// </summary>
public sealed class ParallelSearchTests
{
    private static CheckTest Find(string name) => CheckTestRegistry.FromAssemblies([typeof(SampleCheckTests).Assembly]).Find(name)!;

    public static TheoryData<string, FaultKinds, int, int> Cases => new()
    {
        // name, faults, depth, walks
        { "TwoPhaseCommit", FaultKinds.Crash | FaultKinds.Restart | FaultKinds.Error, 9, 40 },
        { "TwoPhaseCommit.7", FaultKinds.None, 9, 0 },
        { "TwoPhaseCommit.CommitOnFirstYes", FaultKinds.Crash, 8, 0 },
        { "Election", FaultKinds.Crash | FaultKinds.Error, 8, 40 },
        { "Election.VoteTwice", FaultKinds.None, 9, 0 },
        { "Tree", FaultKinds.Crash | FaultKinds.Restart, 7, 20 },
        { "UdpJoin", FaultKinds.Loss | FaultKinds.Crash, 8, 20 },
        { "UdpJoin.NoRetry", FaultKinds.Loss | FaultKinds.Crash, 8, 40 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoThreads_SameSearchAsOne(string name, FaultKinds faults, int depth, int walks)
    {
        var test = Find(name);
        var options = test.Defaults with { Depth = depth, Walks = walks, Faults = faults, MaxCrashes = 1, MaxRestarts = 1 };
        var one = ModelChecker.Check(test, options with { Threads = 1 });
        var two = ModelChecker.Check(test, options with { Threads = 2 });

        // Deep enough that some level has more states than the parallel threshold.
        Assert.True(one.Stats.Unique > 2 * Search.BreadthFirstSearch.ParallelLevel, $"{one.Stats.Unique} unique states: too few to expand in parallel");
        Assert.Equal(one.Stats.Generated, two.Stats.Generated);
        Assert.Equal(one.Stats.Unique, two.Stats.Unique);
        Assert.Equal(one.Stats.Depth, two.Stats.Depth);
        Assert.Equal(one.Stats.Complete, two.Stats.Complete);
        Assert.Equal(one.Passed, two.Passed);
        Assert.Equal(one.Counterexample?.ToJson(), two.Counterexample?.ToJson());
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void WalksOnly_TwoThreads_FindTheSameFirstBug(ulong seed)
    {
        // Random walks alone (depth 0): the lowest-numbered walk that breaks safety, whichever thread ran it.
        var test = Find("TwoPhaseCommit.CommitOnFirstYes");
        var options = test.Defaults with { Depth = 0, Walks = 500, Seed = seed };
        var one = ModelChecker.Check(test, options with { Threads = 1 });
        var two = ModelChecker.Check(test, options with { Threads = 2 });

        Assert.False(one.Passed);
        Assert.Equal(one.Counterexample!.ToJson(), two.Counterexample!.ToJson());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    public void PassingWalks_TwoThreads_CountEveryWalkAndStepOnce(int walks)
    {
        // Threads claim walks in blocks and add their counts once per block: a count kept back or
        // added twice shows here (1,000 is not a multiple of the block).
        var test = Find("Election");
        var options = test.Defaults with { Depth = 0, Walks = walks, Seed = 4 };
        var one = ModelChecker.Check(test, options with { Threads = 1 });
        var two = ModelChecker.Check(test, options with { Threads = 2 });

        Assert.True(one.Passed);
        Assert.Equal(walks, one.Stats.Walks);
        Assert.Equal(walks, two.Stats.Walks);
        Assert.True(one.Stats.WalkSteps > walks, $"{one.Stats.WalkSteps} walk steps");
        Assert.Equal(one.Stats.WalkSteps, two.Stats.WalkSteps);
        Assert.Equal(one.Stats.Steps, two.Stats.Steps);
    }

    [Fact]
    public void LivenessWalks_TwoThreads_SameCriticalTransition()
    {
        var test = Find("UdpJoin.NoRetry");
        var options = test.Defaults with { Depth = 2, Walks = 200, Faults = FaultKinds.Loss, Seed = 5 };
        var one = ModelChecker.Check(test, options with { Threads = 1 });
        var two = ModelChecker.Check(test, options with { Threads = 2 });

        Assert.False(one.Passed);
        Assert.Equal(ViolationKind.Liveness, one.Violation!.Kind);
        Assert.Equal(one.Violation.CriticalStep, two.Violation!.CriticalStep);
        Assert.Equal(one.Counterexample!.ToJson(), two.Counterexample!.ToJson());
    }
}
