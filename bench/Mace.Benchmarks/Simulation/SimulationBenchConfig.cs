using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Mace.Benchmarks.Simulation;

/// <summary>A short, in-process job: the machine is shared, so runs stay brief (3 warmups, 5 iterations, one launch).</summary>
public sealed class SimulationBenchConfig : ManualConfig
{
    public SimulationBenchConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
