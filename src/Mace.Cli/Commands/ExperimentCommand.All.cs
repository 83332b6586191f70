using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mace.Experiments;
using Mace.Simulation.Harness;
using Mace.Simulation.Reporting;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace experiment all</c>: every page of <c>docs/experiments/</c> again, at the pages' scale
/// (<c>--scale paper</c>) or a small one. The single-run experiments come from
/// <see cref="ExperimentCatalog"/>; bamboo-churn, failure-detection and bulletprime run through
/// their own subcommands. Writes one directory per run, then a summary table (markdown and CSV).
/// </summary>
internal static partial class ExperimentCommand
{
    private const string AllName = "mace experiment all";

    // The multi-point experiments, by the system name --only takes.
    private static readonly string[] s_multiPoint = ["Bamboo", "failure detection", "BulletPrime"];

    private static Command CreateAll()
    {
        var scale = new Option<ExperimentScale>("--scale") { Description = "Paper: the pages' sizes (1000 nodes; about 6 minutes with --parallel 2 on two cores). Small: a tenth of the nodes and shorter runs (seconds).", DefaultValueFactory = _ => ExperimentScale.Small };
        var only = new Option<string?>("--only") { Description = "Comma-separated systems to run (default all): " + string.Join(", ", Systems()) + "." };
        var output = new Option<string>("--out", "-o") { Description = "Output directory: one subdirectory per run, and summary.md and summary.csv.", DefaultValueFactory = _ => "experiment-all" };
        var parallel = new Option<int>("--parallel") { Description = "Runs simulated at once (results do not depend on it).", DefaultValueFactory = _ => 1 };
        var noPlot = new Option<bool>("--no-plot") { Description = "Do not write the PNG plots of the single runs." };
        var command = new Command("all", "Run every system's experiment (the pages of docs/experiments/) and print one summary table of their headline figures.")
        {
            scale, only, output, parallel, noPlot,
        };
        command.SetAction(result => RunAll(result.GetValue(scale), result.GetValue(only), result.GetValue(output)!, result.GetValue(parallel), result.GetValue(noPlot)));
        return command;
    }

    private static IEnumerable<string> Systems() =>
        ExperimentCatalog.Runs(ExperimentScale.Small).Select(r => r.System).Concat(s_multiPoint).Distinct();

    private static int RunAll(ExperimentScale scale, string? only, string output, int parallel, bool noPlot)
    {
        var known = Systems().ToList();
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in (only ?? string.Join(",", known)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"{AllName}: error: --only: unknown system '{name}' (known: {string.Join(", ", known)})");
                return 2;
            }
            wanted.Add(name);
        }
        var runs = ExperimentCatalog.Runs(scale).Where(r => wanted.Contains(r.System)).ToList();
        var rows = new (ExperimentRunSpec Spec, SimulationResult Result, double Wall)[runs.Count];
        var done = 0;
        var total = runs.Count + s_multiPoint.Count(wanted.Contains);
        try
        {
            Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, i =>
            {
                var spec = runs[i];
                var wall = Stopwatch.StartNew();
                var result = new SimulationRun(ScenarioCatalog.Create(spec.Scenario)!, spec.Options()).Run();
                var directory = Path.Combine(output, spec.Label);
                ResultsCsv.Write(result, directory);
                if (!noPlot) ResultsPlot.Write(result, directory);
                rows[i] = (spec, result, wall.Elapsed.TotalSeconds);
                var figures = string.Join("; ", spec.Read(result.Metrics).Select(f => $"{f.Label} {f.Value}"));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{Interlocked.Increment(ref done)}/{total}] {spec.System} {spec.Label} ({spec.Nodes} nodes, {wall.Elapsed.TotalSeconds:F0} s): {figures}"));
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is IOException or UnauthorizedAccessException))
        {
            Console.Error.WriteLine($"{AllName}: error: cannot write results under '{output}': {ex.InnerExceptions[0].Message}");
            return 1;
        }

        var paper = scale == ExperimentScale.Paper;
        var exit = 0;
        var extra = new List<(string System, string Run, string Where)>();
        void Multi(string system, string run, string directory, Func<int> action)
        {
            if (!wanted.Contains(system)) return;
            Console.Error.WriteLine($"[{Interlocked.Increment(ref done)}/{total}] {system}: {run} ...");
            var code = action();
            if (code != 0) exit = code;
            extra.Add((system, run, directory));
        }
        var churnDir = Path.Combine(output, "bamboo-churn");
        Multi("Bamboo", paper ? "bamboo-churn -n 1000 --seconds 120" : "bamboo-churn -n 100 --seconds 60 --lambdas 2,0", churnDir,
            () => RunBambooChurn("bamboo,pastry,chord", paper ? "8,4,2,1,0" : "2,0", paper ? 1000 : 100, paper ? 120 : 60, 1, churnDir, parallel, []));
        var detectionDir = Path.Combine(output, "failure-detection");
        Multi("failure detection", paper ? "failure-detection --seconds 1800" : "failure-detection --seconds 120 --losses 0,0.1", detectionDir,
            () => RunFailureDetection(paper ? "0,0.1,0.2" : "0,0.1", paper ? 1800 : 120, 1, detectionDir, parallel));
        var bulletDir = Path.Combine(output, "bulletprime");
        Multi("BulletPrime", paper ? "bulletprime --nodes 100 --seeds 1,2" : "bulletprime --nodes 30 --seeds 3", bulletDir,
            () => RunBulletPrime(paper ? 100 : 30, 300, paper ? "1,2" : "3", "2-8", "4-12", bulletDir, parallel));

        var table = SummaryTable(rows, extra, scale);
        Console.Write(table);
        try
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "summary.md"), table, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(output, "summary.csv"), SummaryCsv(rows), new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{AllName}: error: cannot write the summary under '{output}': {ex.Message}");
            return 1;
        }
        Console.WriteLine($"wrote {Path.Combine(output, "summary.md")}");
        Console.WriteLine($"wrote {Path.Combine(output, "summary.csv")}");
        return exit;
    }

    private static string SummaryTable(
        IEnumerable<(ExperimentRunSpec Spec, SimulationResult Result, double Wall)> rows, List<(string System, string Run, string Where)> extra, ExperimentScale scale)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Experiments at {scale.ToString().ToLowerInvariant()} scale");
        text.AppendLine();
        text.AppendLine("| system | run | nodes | simulated | headline figures | digest | wall | page |");
        text.AppendLine("| --- | --- | ---: | ---: | --- | --- | ---: | --- |");
        foreach (var (spec, result, wall) in rows)
        {
            var figures = string.Join("; ", spec.Read(result.Metrics).Select(f => $"{f.Label} {f.Value}"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {spec.System} | {spec.Label} | {spec.Nodes} | {spec.Duration.TotalSeconds:F0} s | {figures} | `{result.Digest}` | {wall:F0} s | {spec.Page} |"));
        }
        foreach (var (system, run, where) in extra)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {system} | `mace experiment {run}` | | | its table and plots in {where} | | | |");
        }
        return text.ToString();
    }

    private static string SummaryCsv(IEnumerable<(ExperimentRunSpec Spec, SimulationResult Result, double Wall)> rows)
    {
        var text = new StringBuilder("system,run,nodes,simulated_s,figure,value,digest,wall_s,command\n");
        foreach (var (spec, result, wall) in rows)
        {
            foreach (var (label, value) in spec.Read(result.Metrics))
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{spec.System},{spec.Label},{spec.Nodes},{spec.Duration.TotalSeconds:F0},{label},{value.Replace(",", "", StringComparison.Ordinal)},{result.Digest},{wall:F1},{spec.Command()}"));
            }
        }
        return text.ToString();
    }
}
