using Mace.Runtime;
using Mace.Simulation.Harness;
using Mace.Experiments;

namespace Mace.Services.Tests;

/// <summary>Lookups through the recursive route layer, with and without churn.</summary>
public class RoutingTests
{
    [Fact]
    public void ScaledDownChurn_Bamboo_StaysConsistent()
    {
        var scenario = new BambooChurnScenario(OverlayKind.Bamboo) { Warmup = TimeSpan.FromSeconds(40), JoinSpacing = TimeSpan.FromMilliseconds(50) };
        var options = new SimulationOptions
        {
            Nodes = 200,
            Seed = 3,
            Duration = TimeSpan.FromSeconds(160),
            StartWindow = TimeSpan.Zero,
            Churn = new ChurnOptions { Rate = 1, Start = TimeSpan.FromSeconds(40) },
        };
        var result = new SimulationRun(scenario, options).Run();

        var consistent = result.Metrics.Counter("lookup.consistent");
        var judged = consistent + result.Metrics.Counter("lookup.inconsistent");
        Assert.True(judged > 1000, $"only {judged} lookups judged");
        Assert.True(result.Metrics.Counter("churn.deaths") > 60);
        Assert.InRange(100.0 * consistent / judged, 97, 100);
        Assert.InRange(result.Metrics.Distribution("lookup.latency").Mean, 1, 1000);
        Assert.InRange(result.Metrics.Counter("maintenance.bytes.per.node.per.second"), 1, 900);
    }

    [Theory]
    [InlineData(OverlayKind.Bamboo)]
    [InlineData(OverlayKind.Chord)]
    public void NoChurn_RoutedLookups_ReachTheTrueOwner(OverlayKind overlay)
    {
        var warmup = TimeSpan.FromSeconds(overlay == OverlayKind.Chord ? 80 : 40);
        var scenario = new BambooChurnScenario(overlay) { Warmup = warmup, JoinSpacing = TimeSpan.FromMilliseconds(50), CheckOwners = true };
        var options = new SimulationOptions { Nodes = 200, Seed = 9, Duration = warmup + TimeSpan.FromSeconds(15), StartWindow = TimeSpan.Zero };
        var result = new SimulationRun(scenario, options).Run();

        Assert.True(scenario.OwnerChecks > 3000, $"only {scenario.OwnerChecks} owner checks");
        Assert.Equal(0, scenario.WrongOwners);
        Assert.Equal(0, result.Metrics.Counter("lookup.inconsistent"));
        Assert.Equal(result.Metrics.Counter("lookup.requests"), result.Metrics.Counter("lookup.replies"));
    }
}
