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
}
