using Mace.Experiments;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>SplitStream in the simulator: a forest whose interior nodes forward (almost only) their own digit's stripe, and full streams again after a tenth of the nodes fail.</summary>
public sealed class SplitStreamScenarioTests
{
    [Fact]
    public void TwoHundredNodes_InteriorNodeDisjointForest_StreamsRecoverAfterATenthFail()
    {
        var run = new SimulationRun(new SplitStreamScenario(), new SimulationOptions { Nodes = 200, Seed = 3, Duration = TimeSpan.FromSeconds(90), ThrowOnEventFailure = true });
        run.Run();
        var m = run.Metrics;
        Assert.Equal(20, m.Counter("splitstream.failed"));
        // Prefix routing puts a stripe's interior among the nodes of its digit: most forward one stripe, their own.
        Assert.True(m.Counter("splitstream.interior.own.stripe.per.10000") >= 8_000, $"{m.Counter("splitstream.interior.own.stripe.per.10000")}");
        Assert.True(m.Counter("splitstream.interior.one.stripe.per.10000") >= m.Counter("splitstream.interior.own.stripe.per.10000"));
        Assert.InRange(m.Distribution("splitstream.stripes.forwarded", "stripes").Mean, 1, 1.5);
        // Every survivor receives (nearly) all 16 stripes before the failure and again once the trees repaired.
        Assert.Equal(10_000, m.Counter("splitstream.full.before.per.10000"));
        Assert.True(m.Counter("splitstream.full.first5s.after.per.10000") < 10_000, "the failure cost some survivors stripes for a while");
        Assert.True(m.Counter("splitstream.full.from15s.after.per.10000") >= 9_900, $"{m.Counter("splitstream.full.from15s.after.per.10000")}");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void BoundedOutdegree_NoNodeForwardsToMoreChildrenThanItsBound(int outdegree)
    {
        var run = new SimulationRun(new SplitStreamScenario { Outdegree = outdegree, FailFraction = 0 }, new SimulationOptions { Nodes = 150, Seed = 4, Duration = TimeSpan.FromSeconds(70), ThrowOnEventFailure = true });
        run.Run();
        var m = run.Metrics;
        Assert.InRange(m.Distribution("splitstream.children", "children").Max, 1, outdegree);
        // Twice the indegree leaves room for push-down to place everyone; at exactly the indegree, without
        // the paper's spare-capacity group, orphans find no free slot and many nodes miss stripes.
        if (outdegree == 32) Assert.True(m.Counter("splitstream.full.before.per.10000") >= 9_500, $"{m.Counter("splitstream.full.before.per.10000")}");
        else Assert.True(m.Counter("splitstream.full.before.per.10000") < 9_000, $"{m.Counter("splitstream.full.before.per.10000")}");
    }

    [Fact]
    public void SpareCapacityGroup_AtExactlyTheIndegree_PlacesTheOrphansPushDownCannot()
    {
        SimulationRun Run(bool spare)
        {
            var run = new SimulationRun(new SplitStreamScenario { Outdegree = 16, SpareCapacityGroup = spare, FailFraction = 0 }, new SimulationOptions { Nodes = 150, Seed = 4, Duration = TimeSpan.FromSeconds(70), ThrowOnEventFailure = true });
            run.Run();
            return run;
        }
        var pushDown = Run(spare: false).Metrics;
        var spare = Run(spare: true).Metrics;

        // The bound still holds (the spare-capacity group's own tree is not forwarding load).
        Assert.InRange(spare.Distribution("splitstream.children", "children").Max, 1, 16);
        var before = pushDown.Counter("splitstream.full.before.per.10000");
        var after = spare.Counter("splitstream.full.before.per.10000");
        Assert.True(after >= before + 1_000, $"full streams: push-down only {before}, with the spare-capacity group {after} (per 10000)");
    }
}
