using BenchmarkDotNet.Attributes;
using Mace.Simulation.Harness;
using Mace.Experiments;

namespace Mace.Benchmarks.Simulation;

/// <summary>
/// End to end: the ping scenario (real generated-shape Ping services over the simulated TCP
/// transport and a transit-stub topology) for 10 simulated seconds. Reported per run; the
/// events per run are printed by <c>mace sim</c> with the same arguments.
/// </summary>
[Config(typeof(SimulationBenchConfig))]
[MemoryDiagnoser]
public class PingSimulationBenchmarks
{
    [Params(1_000)]
    public int Nodes { get; set; }

    [Benchmark]
    public long PingTenSimulatedSeconds()
    {
        var options = new SimulationOptions { Nodes = Nodes, Seed = 1, Duration = TimeSpan.FromSeconds(10) };
        return new SimulationRun(new PingScenario(), options).Run().Events;
    }
}
