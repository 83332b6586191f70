using Mace.Experiments;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>RandTree in the simulator: every node reaches the root in a shallow tree within its fan-out bound, and the tree heals after churn.</summary>
public sealed class RandTreeScenarioTests
{
    [Fact]
    public void FiveHundredNodes_AllReachTheRoot_InAShallowTreeWithinTheFanOut()
    {
        var run = new SimulationRun(new RandTreeScenario(), new SimulationOptions { Nodes = 500, Seed = 2, Duration = TimeSpan.FromSeconds(30) });
        var result = run.Run();
        var m = run.Metrics;
        Assert.Equal(10_000, m.Counter("randtree.connected.per.10000"));
        Assert.Equal(0, m.Counter("randtree.cycles"));
        Assert.InRange(m.Counter("randtree.all.joined.ms"), 1, 15_000);
        var depth = m.Distribution("randtree.depth", "hops");
        Assert.Equal(500, depth.Count);
        // A random tree with fan-out 6 over 500 nodes: about log6(500) = 3.5 deep, never a chain.
        Assert.InRange(depth.Mean, 2.5, 5);
        Assert.InRange(depth.Max, 3, 8);
        Assert.InRange(m.Distribution("randtree.children", "children").Max, 1, 6);
        Assert.Equal(result.Digest, new SimulationRun(new RandTreeScenario(), run.Options).Run().Digest);
    }

    [Fact]
    public void UnderChurn_OrphansRejoin_AndTheWholeTreeReachesTheRootAfterwards()
    {
        var run = new SimulationRun(new RandTreeScenario(), new SimulationOptions
        {
            Nodes = 200,
            Seed = 4,
            Duration = TimeSpan.FromSeconds(70),
            Churn = new ChurnOptions { Rate = 2, Start = TimeSpan.FromSeconds(10), End = TimeSpan.FromSeconds(40) },
        });
        run.Run();
        var m = run.Metrics;
        Assert.True(m.Counter("churn.deaths") >= 40, $"{m.Counter("churn.deaths")} deaths");
        Assert.True(m.Counter("randtree.rejoins") > 0, "orphans rejoined");
        Assert.Equal(0, m.Counter("randtree.cycles"));
        Assert.Equal(10_000, m.Counter("randtree.connected.per.10000"));
        // During the churn some subtrees were cut off for a while; 30 s after it, none is.
        var connected = m.PerSecond("randtree.connected");
        var live = m.PerSecond("randtree.live");
        Assert.Contains(Enumerable.Range(10, 30), s => connected[s] < live[s]);
        Assert.All(Enumerable.Range(65, 5), s => Assert.Equal(live[s], connected[s]));
    }
}
