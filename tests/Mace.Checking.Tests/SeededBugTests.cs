using Mace.Checking;
using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>The "done when": each seeded bug pinned to its seed, its exact violation asserted and replayed; each fixed twin passes.</summary>
public sealed class SeededBugTests
{
    [Fact]
    public void Election_VoteTwice_TwoLeadersInSixSteps()
    {
        var test = SampleCheckTests.ElectionTwoLeaders;
        var result = ModelChecker.Check(test, test.Defaults with { Seed = 7 });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("OneLeader", violation.Property);
        Assert.Equal(6, violation.Steps);
        Assert.Equal([0, 0, 0, 1, 0, 1], violation.Choices);
        Assert.Equal("n0 Campaign()", CheckAssert.StepEvent(result, 1));
        Assert.StartsWith("n0 deliver tcp n1->n0 Vote { Granted = True", CheckAssert.StepEvent(result, 6));
        Assert.Contains("+ Election state=Leader", result.Trace!.Steps[5].Changes);
    }

    [Fact]
    public void Election_Fixed_PassesCompleteSearch()
    {
        var test = SampleCheckTests.ElectionFixed;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed);
        Assert.True(result.Stats.Complete);
        Assert.Equal(122, result.Stats.Unique);
    }

    [Fact]
    public void Tree_OrphanBecomesRoot_PassesWithoutFaults()
    {
        var test = SampleCheckTests.TreeOrphanRoot;
        var result = ModelChecker.Check(test, test.Defaults with { Faults = FaultKinds.None });

        Assert.True(result.Passed);
        Assert.True(result.Stats.Complete);
    }

    [Fact]
    public void Tree_OrphanBecomesRoot_TwoRootsAfterRootCrash()
    {
        var test = SampleCheckTests.TreeOrphanRoot;
        var result = ModelChecker.Check(test, test.Defaults with { Seed = 11 });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("OneRoot", violation.Property);
        Assert.Equal(3, violation.Steps);
        Assert.Equal("n0 CRASH", CheckAssert.StepEvent(result, 1));
        Assert.Equal("n1 Error(sim:0, PeerDead)", CheckAssert.StepEvent(result, 2));
        Assert.Equal("n2 Error(sim:0, PeerDead)", CheckAssert.StepEvent(result, 3));
        Assert.Contains("+ IsRoot = True", result.Trace!.Steps[2].Changes);
    }

    [Fact]
    public void Tree_Fixed_PassesWithCrashAndRestart()
    {
        var test = SampleCheckTests.TreeFixed;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed);
        Assert.True(result.Stats.Unique > 100);
    }

    [Fact]
    public void UdpJoin_NoRetry_DeadEndAfterLoss_CriticalTransitionIsTheLoss()
    {
        var test = SampleCheckTests.UdpJoinNoRetry;
        var result = ModelChecker.Check(test, test.Defaults with { Seed = 3 });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Liveness, violation.Kind);
        Assert.Equal("AllJoined", violation.Property);
        Assert.Equal(3, violation.Steps);
        Assert.Equal(3, violation.CriticalStep);
        Assert.Equal("n0 LOSS udp n2->n0 Join { Node = 2 }", CheckAssert.StepEvent(result, 3));
    }

    [Fact]
    public void UdpJoin_NoRetry_RandomWalkNeverLive_CriticalTransitionIsTheLoss()
    {
        var test = SampleCheckTests.UdpJoinNoRetry;
        var result = ModelChecker.Check(test, test.Defaults with { Depth = 0, Seed = 5 });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Liveness, violation.Kind);
        Assert.Equal("AllJoined", violation.Property);
        Assert.NotNull(violation.CriticalStep);
        var critical = CheckAssert.StepEvent(result, violation.CriticalStep!.Value);
        Assert.Contains("LOSS udp", critical);
        Assert.Contains("critical transition: step " + violation.CriticalStep, violation.ToString());
    }

    [Fact]
    public void UdpJoin_Fixed_PassesWithLoss()
    {
        var test = SampleCheckTests.UdpJoinFixed;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed);
        Assert.Equal(test.Defaults.Walks, result.Stats.Walks);
    }
}
