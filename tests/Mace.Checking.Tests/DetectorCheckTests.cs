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
        // Node 1's first probe tick starts timing node 0; its deadline timer fires 2 s later with
        // node 0's pong still undelivered, and node 1 takes over while node 0 still leads.
        Assert.Equal(2, violation.Steps);
        Assert.StartsWith("n1 timer (delay 00:00:01)", CheckAssert.StepEvent(result, 1));
        Assert.StartsWith("n1 timer (delay 00:00:02.0000001)", CheckAssert.StepEvent(result, 2));
        Assert.Contains(result.Trace!.Steps[1].Records, r => r.Contains("detect LeaderAlive deadline", StringComparison.Ordinal));
        Assert.Contains("+ detect LeaderAlive = [sim:0!]", result.Trace!.Steps[1].Changes);
        Assert.Contains("+ IsLeader = True", result.Trace!.Steps[1].Changes);
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
