using Mace.Experiments;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>Scribe over Bamboo in the simulator: every member receives every message in shallow trees, and delivery recovers once churn stops.</summary>
public sealed class ScribeScenarioTests
{
    [Fact]
    public void TwoHundredNodes_EveryMemberReceivesEveryMessage_ThroughShallowTrees()
    {
        var run = new SimulationRun(new ScribeScenario(), new SimulationOptions { Nodes = 200, Seed = 1, Duration = TimeSpan.FromSeconds(60), ThrowOnEventFailure = true });
        var result = run.Run();
        var m = run.Metrics;
        Assert.True(m.Counter("scribe.messages") >= 200, $"{m.Counter("scribe.messages")} messages");
        Assert.Equal(10_000, m.Counter("scribe.delivery.per.10000"));
        // Bamboo routes in about log16(200) = 1.9 hops; a tree is no deeper than a route.
        Assert.InRange(m.Distribution("scribe.depth", "hops").Mean, 1, 3);
        Assert.True(m.Distribution("scribe.rdp", "x").Median > 1, "a tree path is never shorter than the direct one");
        Assert.Equal(result.Digest, new SimulationRun(new ScribeScenario(), run.Options).Run().Digest);
    }

    [Fact]
    public void UnderChurn_TreesRepair_AndEveryMemberReceivesAgainAfterwards()
    {
        var run = new SimulationRun(new ScribeScenario(), new SimulationOptions
        {
            Nodes = 200,
            Seed = 2,
            Duration = TimeSpan.FromSeconds(110),
            Churn = new ChurnOptions { Rate = 1.6, Start = TimeSpan.FromSeconds(40), End = TimeSpan.FromSeconds(80) },
        });
        run.Run();
        var m = run.Metrics;
        Assert.True(m.Counter("churn.deaths") >= 40, $"{m.Counter("churn.deaths")} deaths");
        Assert.True(m.Counter("scribe.repairs") > 0, "children of dead parents rejoined");
        var delivered = m.PerSecond("scribe.delivered");
        var expected = m.PerSecond("scribe.expected");
        // During the churn some members miss messages; from 15 s after it, every member gets every message.
        Assert.Contains(Enumerable.Range(40, 40), s => delivered[s] < expected[s]);
        Assert.All(Enumerable.Range(95, 10), s => Assert.Equal(expected[s], delivered[s]));
    }
}
