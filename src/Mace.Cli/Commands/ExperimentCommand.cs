using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Mace.Services;
using Mace.Simulation.Scenarios;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace experiment bamboo-churn</c>: the paper's churn experiment for several overlays and churn
/// rates side by side (one simulation per point); writes the table, CSV and PNGs.
/// A single point is also <c>mace sim bamboo-churn --churn L</c> (or pastry-churn, chord-churn).
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("experiment") { Description = "The experiment: bamboo-churn." };
        var overlays = new Option<string>("--overlays") { Description = "Comma-separated overlays: bamboo, pastry, chord.", DefaultValueFactory = _ => "bamboo,pastry,chord" };
        var lambdas = new Option<string>("--lambdas") { Description = "Comma-separated churn rates (deaths per second).", DefaultValueFactory = _ => "8,4,2,1,0" };
        var nodes = new Option<int>("--nodes", "-n") { Description = "Nodes (groups of 10).", DefaultValueFactory = _ => 1000 };
        var measure = new Option<double>("--seconds") { Description = "Simulated seconds measured per point, after the warm-up.", DefaultValueFactory = _ => 3600 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "The run seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output directory.", DefaultValueFactory = _ => "experiment-out" };
        var fromCsv = new Option<string[]>("--from-csv") { Description = "Do not simulate: merge these CSVs (written by earlier runs) and write the table, CSV and plots again.", AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "Points simulated at once (each point is one thread; results do not depend on it).", DefaultValueFactory = _ => 1 };
        var command = new Command("experiment", "Run a multi-point experiment in the simulator (bamboo-churn).") { name, overlays, lambdas, nodes, measure, seed, output, parallel, fromCsv };
        command.SetAction(result => Run(
            result.GetValue(name)!, result.GetValue(overlays)!, result.GetValue(lambdas)!, result.GetValue(nodes),
            result.GetValue(measure), result.GetValue(seed), result.GetValue(output)!, result.GetValue(parallel), result.GetValue(fromCsv) ?? []));
        return command;
    }

    private static int Run(string name, string overlays, string lambdas, int nodes, double seconds, ulong seed, string output, int parallel, string[] fromCsv)
    {
        if (name != "bamboo-churn")
        {
            Console.Error.WriteLine($"mace experiment: error: unknown experiment '{name}' (available: bamboo-churn)");
            return 2;
        }
        if (fromCsv.Length > 0)
        {
            var merged = fromCsv.SelectMany(BambooChurnSweep.ReadCsv).OrderBy(p => p.Overlay).ThenByDescending(p => p.Lambda).ToList();
            Console.Write(BambooChurnSweep.Table(merged));
            foreach (var file in BambooChurnSweep.Write(merged, output)) Console.WriteLine($"wrote {file}");
            return 0;
        }
        var kinds = new List<OverlayKind>();
        foreach (var text in overlays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OverlayKind>(text, ignoreCase: true, out var kind))
            {
                Console.Error.WriteLine($"mace experiment: error: unknown overlay '{text}' (bamboo, pastry, chord)");
                return 2;
            }
            kinds.Add(kind);
        }
        var rates = new List<double>();
        foreach (var text in lambdas.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 0 || double.IsInfinity(rate))
            {
                Console.Error.WriteLine($"mace experiment: error: '{text}' is not a churn rate >= 0");
                return 2;
            }
            rates.Add(rate);
        }
        if (nodes < 10 || seconds <= 0)
        {
            Console.Error.WriteLine("mace experiment: error: --nodes must be at least 10 and --seconds positive");
            return 2;
        }
        var work = kinds.SelectMany(kind => rates.Select(rate => (kind, rate))).ToList();
        var points = new BambooChurnPoint[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, i =>
        {
            var (kind, rate) = work[i];
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"running {kind} at {rate} deaths/s ({nodes} nodes, {seconds} s) ..."));
            var wall = Stopwatch.StartNew();
            points[i] = BambooChurnSweep.RunPoint(kind, rate, nodes, TimeSpan.FromSeconds(seconds), seed) with { WallSeconds = wall.Elapsed.TotalSeconds };
            Console.Error.WriteLine(BambooChurnSweep.Table([points[i]]).Split('\n')[2]);
        });
        Console.Write(BambooChurnSweep.Table(points));
        foreach (var file in BambooChurnSweep.Write(points, output)) Console.WriteLine($"wrote {file}");
        return 0;
    }
}
