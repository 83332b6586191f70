using Mace.Services;
using Mace.Simulation.Harness;
using Mace.Simulation.Scenarios;

namespace Mace.Services.Tests;

/// <summary>1000 simulated nodes, no churn: every lookup reaches the true owner in few hops.</summary>
public class RoutingTests
{
    [Theory]
    [InlineData(OverlayKind.Bamboo)]
    [InlineData(OverlayKind.Pastry)]
    [InlineData(OverlayKind.Chord)]
    public void ThousandNodes_NoChurn_EveryLookupEndsAtTheOwner(OverlayKind overlay)
    {
        var scenario = new BambooChurnScenario(overlay) { Warmup = TimeSpan.FromSeconds(160), CheckOwners = true };
        var options = new SimulationOptions { Nodes = 1000, Seed = 7, Duration = TimeSpan.FromSeconds(180), StartWindow = TimeSpan.Zero };
        var result = new SimulationRun(scenario, options).Run();

        Assert.True(scenario.OwnerChecks > 10_000, $"only {scenario.OwnerChecks} owner checks");
        Assert.Equal(0, scenario.WrongOwners);
        Assert.Equal(0, result.Metrics.Counter("lookup.inconsistent"));
        Assert.Equal(result.Metrics.Counter("lookup.requests"), result.Metrics.Counter("lookup.replies"));
        var hops = result.Metrics.Distribution("lookup.hops", "hops").Mean;
        if (overlay == OverlayKind.Chord)
        {
            var expected = 0.5 * Math.Log2(1000);
            Assert.InRange(hops, 0.85 * expected, 1.15 * expected);
        }
        else
        {
            Assert.InRange(hops, 1, Math.Ceiling(Math.Log(1000, 16)));
        }
    }

    [Fact]
    public void ScaledDownChurn_Bamboo_StaysConsistent()
    {
        var scenario = new BambooChurnScenario(OverlayKind.Bamboo) { Warmup = TimeSpan.FromSeconds(60) };
        var options = new SimulationOptions
        {
            Nodes = 200,
            Seed = 3,
            Duration = TimeSpan.FromSeconds(180),
            StartWindow = TimeSpan.Zero,
            Churn = new ChurnOptions { Rate = 1, Start = TimeSpan.FromSeconds(60) },
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
}
