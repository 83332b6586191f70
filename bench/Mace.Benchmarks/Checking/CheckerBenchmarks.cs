using BenchmarkDotNet.Attributes;
using Mace.Checking;
using Mace.CheckingServices;

namespace Mace.Benchmarks.Checking;

/// <summary>
/// The model checker's rates on small protocols: a complete exhaustive search (states generated per
/// second = Generated / mean time, reported as a column), and random walks only (steps per second),
/// the mode compared with P's random scheduler in docs/benchmarks.md.
/// Run: <c>dotnet run -c Release --project bench/Mace.Benchmarks -- --filter *CheckerBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class CheckerBenchmarks
{
    private CheckTest _test = null!;

    /// <summary>The checker test (from Mace.CheckingServices).</summary>
    [Params("TwoPhaseCommit", "Election", "UdpJoin", "TwoPhaseCommit.7")]
    public string Test { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _test = CheckTestRegistry.FromAssemblies([typeof(SampleCheckTests).Assembly]).Find(Test)!;

    /// <summary>Exhaustive search to depth 12 (20 for TwoPhaseCommit.7; all but UdpJoin finish it), no walks.</summary>
    [Benchmark]
    public long Exhaustive() => ModelChecker.Check(_test, new CheckOptions { Depth = _test.NodeCount > 3 ? 20 : 12, RunWalks = false, Faults = _test.Defaults.Faults }).Stats.Generated;

    /// <summary>1,000 random walks of up to 200 steps from the initial states.</summary>
    [Benchmark]
    public long Walks() => ModelChecker.Check(_test, new CheckOptions { Depth = 0, Walks = 1000, MaxSteps = 200, Faults = _test.Defaults.Faults }).Stats.Steps;
}
