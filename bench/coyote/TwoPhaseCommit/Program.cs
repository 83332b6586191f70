// Runs the Coyote TestingEngine in process on the two-phase commit (docs/benchmarks.md, "Model checker").
//
//   dotnet Coyote.TwoPhaseCommit.dll fixed|buggy [--iterations N] [--seed K] [--strategy random|pct|portfolio] [--repeat R]
//
// fixed: N iterations (schedules) of the correct protocol, for throughput. buggy: stops at the first bug
// (Coyote's default), for the time to the first bug. --repeat runs the same engine configuration R times
// in one process (run 1 includes the JIT). Prints, per run: iterations, bugs, scheduling steps (Coyote's
// count: every scheduling decision and every RandomBoolean), the engine's wall time and the process CPU
// time the run took. Telemetry is off: Coyote's default would send anonymized usage data.
using System.Diagnostics;
using System.Globalization;
using Coyote.TwoPhaseCommit;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;

if (args.Length == 0 || args[0] is not ("fixed" or "buggy"))
{
    Console.Error.WriteLine("usage: Coyote.TwoPhaseCommit fixed|buggy [--iterations N] [--seed K] [--strategy random|pct|portfolio] [--repeat R]");
    return 2;
}

var bug = args[0] == "buggy";
uint iterations = bug ? 1000u : 10_000u;
uint seed = 1;
var strategy = "random";
var repeat = 1;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--iterations": iterations = uint.Parse(value, CultureInfo.InvariantCulture); break;
        case "--seed": seed = uint.Parse(value, CultureInfo.InvariantCulture); break;
        case "--strategy": strategy = value; break;
        case "--repeat": repeat = int.Parse(value, CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var process = Process.GetCurrentProcess();
var exitCode = 0;
for (var run = 1; run <= repeat; run++)
{
    var config = Configuration.Create()
        .WithTestingIterations(iterations)
        .WithRandomGeneratorSeed(seed)
        .WithTelemetryEnabled(false); // on by default; this machine reaches no telemetry endpoint, and it must not try
    config = strategy switch
    {
        "random" => config.WithRandomStrategy(),
        "pct" => config.WithPrioritizationStrategy(false, 10),
        "portfolio" => config,
        _ => throw new ArgumentException($"unknown strategy {strategy}"),
    };

    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    using var engine = TestingEngine.Create(config, runtime => Tests.Run(runtime, bug));
    uint done = 0;
    engine.RegisterEndIterationCallBack(_ => done++);
    engine.Run();
    wall.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

    var report = engine.TestReport;
    var paths = report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;
    var steps = report.TotalExploredFairSteps + report.TotalExploredUnfairSteps;
    var seconds = wall.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: {(bug ? "buggy" : "fixed")} strategy={strategy} seed={seed} iterations={done} paths={paths} bugs={report.NumOfFoundBugs} " +
        $"steps={steps} ({(paths > 0 ? (double)steps / paths : 0):F1}/iteration) wall={seconds:F3}s cpu={cpu:F3}s " +
        $"iterations/s={done / seconds:F0} steps/s={steps / seconds:F0} steps/cpu-s={steps / cpu:F0}"));
    foreach (var text in report.BugReports) Console.WriteLine($"  bug: {text}");
    if (report.NumOfFoundBugs > 0) exitCode = 1;
}

return exitCode;
