using Mace.Experiments;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>Vivaldi in the simulator over the transit-stub topology: coordinates converge, deterministically.</summary>
public sealed class VivaldiScenarioTests
{
    private static (SimulationResult Result, VivaldiScenario Scenario) Run(ulong seed)
    {
        var scenario = new VivaldiScenario();
        var options = new SimulationOptions { Nodes = 100, Seed = seed, Duration = TimeSpan.FromSeconds(300) };
        var result = new SimulationRun(scenario, options, TopologyFactory.Create("transit-stub", new Mace.Simulation.Network.TransitStubOptions(), seed)).Run();
        return (result, scenario);
    }

    [Fact]
    public void HundredNodes_MedianRelativeErrorFalls_BelowFifteenPercent_AndRunsRepeatBitForBit()
    {
        var (result, scenario) = Run(seed: 3);

        var early = scenario.Medians.First(m => m.Second >= 10).Median;
        var final = scenario.Medians[^1].Median;
        Assert.True(final < early / 2, $"median relative error {early:P1} at 10 s should at least halve by the end, was {final:P1}");
        Assert.True(final < 0.15, $"final median relative error {final:P1}");
        Assert.Equal((long)Math.Round(final * 1000), result.Metrics.Counter("vivaldi.median-error-final-permille"));
        Assert.InRange(result.Metrics.Counter("vivaldi.converged-at-s"), 10, 300);
        Assert.True(result.Metrics.Distributions.Single(d => d.Name == VivaldiScenario.ErrorDistribution).Count > 1000);
        // One probe per node per second, each answered: about 100 updates a second.
        Assert.InRange(result.Metrics.Counter(VivaldiScenario.UpdatesCounter), 25_000, 30_100);

        Assert.Equal(result.Digest, Run(seed: 3).Result.Digest);
        Assert.NotEqual(result.Digest, Run(seed: 4).Result.Digest);
    }
}
