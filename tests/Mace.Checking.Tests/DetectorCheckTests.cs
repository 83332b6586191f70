using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>
/// A generated distributed detector under the checker (<c>Failover.mace</c>): with advancing time
/// the checker may fire the detector's timer while the leader's replies are still in flight, so a
/// live leader is suspected. Taking over in the same epoch then breaks "one leader per epoch".
/// </summary>
public sealed class DetectorCheckTests
{
    [Fact]
    public void Failover_KeepEpoch_SlowLeaderSuspected_TwoLeadersOfOneEpoch()
    {
        var test = SampleCheckTests.FailoverKeepEpoch;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("OneLeaderPerEpoch", violation.Property);
        // Four probe periods on node 1 with node 0's pongs undelivered: more than the 2 s timeout.
        Assert.Equal(4, violation.Steps);
        for (var step = 1; step <= 4; step++) Assert.StartsWith("n1 timer", CheckAssert.StepEvent(result, step));
        Assert.Contains("+ detect LeaderAlive = [sim:0!]", result.Trace!.Steps[3].Changes);
        Assert.Contains("+ IsLeader = True", result.Trace!.Steps[3].Changes);
    }

    [Fact]
    public void Failover_NewEpochPerTakeover_PassesTheSameSearch()
    {
        var test = SampleCheckTests.FailoverFixed;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed);
        Assert.True(result.Stats.Unique > 10_000, $"the search should reach takeovers and step-downs, saw {result.Stats.Unique} states");
    }
}
