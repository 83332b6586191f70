using BenchmarkDotNet.Attributes;
using Mace.Experiments;
using Mace.Runtime.Tracing;
using Mace.Simulation.Harness;

namespace Mace.Benchmarks.Tracing;

/// <summary>
/// Tracing in a whole simulation: 200 Ping nodes for 10 simulated seconds, untraced (no sink)
/// against every service traced at Off, Low, Med and High into a <see cref="TraceLogWriter"/> over
/// <see cref="Stream.Null"/>. The run's events are the same in each (the digest does not change
/// with tracing), so time per run compares events per second directly.
/// </summary>
[MemoryDiagnoser]
public class TracedSimulationBenchmarks
{
    /// <summary>None: no sink at all (the untraced build's cost); otherwise the level every service traces at.</summary>
    [Params("None", "Off", "Low", "Med", "High")]
    public string Tracing { get; set; } = "None";

    [Benchmark]
    public long PingTwoHundredNodesTenSeconds()
    {
        using var writer = new TraceLogWriter(Stream.Null);
        var traced = Tracing != "None";
        var options = new SimulationOptions
        {
            Nodes = 200,
            Seed = 1,
            Duration = TimeSpan.FromSeconds(10),
            TraceSink = traced ? writer : null,
            TraceLevel = traced ? Enum.Parse<TraceLevel>(Tracing) : null,
        };
        return new SimulationRun(new PingScenario(), options).Run().Events;
    }
}
