using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Mace.Services;
using Mace.Experiments;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace experiment</c>: multi-point experiments in the simulator, one simulation per point,
/// each writing a table, a CSV and plots.
/// <list type="bullet">
/// <item><c>bamboo-churn</c>: the paper's churn experiment for several overlays and churn rates side by
/// side (a single point is also <c>mace sim bamboo-churn --churn L</c>).</item>
/// <item><c>failure-detection</c>: detection time against false positives for the probe detector's
/// periods and timeouts and for phi accrual with Akka.NET's defaults, at several UDP loss rates.</item>
/// </list>
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create() => new("experiment", "Run a multi-point experiment in the simulator; each writes a table, a CSV and plots.")
    {
        CreateBambooChurn(),
        CreateFailureDetection(),
    };

    private static Command CreateBambooChurn()
    {
        var overlays = new Option<string>("--overlays") { Description = "Comma-separated overlays: bamboo, pastry, chord.", DefaultValueFactory = _ => "bamboo,pastry,chord" };
        var lambdas = new Option<string>("--lambdas") { Description = "Comma-separated churn rates (deaths per second).", DefaultValueFactory = _ => "8,4,2,1,0" };
        var nodes = new Option<int>("--nodes", "-n") { Description = "Nodes (groups of 10).", DefaultValueFactory = _ => 1000 };
        var measure = new Option<double>("--seconds") { Description = "Simulated seconds measured per point, after the warm-up.", DefaultValueFactory = _ => 3600 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "The run seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output directory.", DefaultValueFactory = _ => "experiment-out" };
        var fromCsv = new Option<string[]>("--from-csv") { Description = "Do not simulate: merge these CSVs (written by earlier runs) and write the table, CSV and plots again.", AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "Points simulated at once (each point is one thread; results do not depend on it).", DefaultValueFactory = _ => 1 };
        var command = new Command("bamboo-churn", "The paper's churn experiment: lookup consistency and latency of Bamboo, Pastry and Chord against churn rate.") { overlays, lambdas, nodes, measure, seed, output, parallel, fromCsv };
        command.SetAction(result => RunBambooChurn(
            result.GetValue(overlays)!, result.GetValue(lambdas)!, result.GetValue(nodes),
            result.GetValue(measure), result.GetValue(seed), result.GetValue(output)!, result.GetValue(parallel), result.GetValue(fromCsv) ?? []));
        return command;
    }

    private static int RunBambooChurn(string overlays, string lambdas, int nodes, double seconds, ulong seed, string output, int parallel, string[] fromCsv)
    {
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

    private static Command CreateFailureDetection()
    {
        var losses = new Option<string>("--losses") { Description = "Comma-separated UDP loss probabilities, each in [0, 1).", DefaultValueFactory = _ => "0,0.1,0.2" };
        var measure = new Option<double>("--seconds") { Description = "Simulated seconds per point (one crash a minute).", DefaultValueFactory = _ => 600 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "The run seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output directory.", DefaultValueFactory = _ => "experiment-out" };
        var parallel = new Option<int>("--parallel") { Description = "Points simulated at once (each point is one thread; results do not depend on it).", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "failure-detection",
            $"Detection time against false positives: ProbeDetector (a detect block) at several periods and timeouts beside PhiDetector with Akka.NET's defaults; {DetectorStudy.Nodes} nodes each watching {DetectorStudy.PeersPerNode} peers over UDP.")
        {
            losses, measure, seed, output, parallel,
        };
        command.SetAction(result => RunFailureDetection(result.GetValue(losses)!, result.GetValue(measure), result.GetValue(seed), result.GetValue(output)!, result.GetValue(parallel)));
        return command;
    }

    private static int RunFailureDetection(string losses, double seconds, ulong seed, string output, int parallel)
    {
        var rates = new List<double>();
        foreach (var text in losses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or >= 1)
            {
                Console.Error.WriteLine($"mace experiment failure-detection: error: '{text}' is not a loss probability in [0, 1)");
                return 2;
            }
            rates.Add(rate);
        }
        if (rates.Count == 0 || seconds < 120 || double.IsInfinity(seconds))
        {
            Console.Error.WriteLine("mace experiment failure-detection: error: give at least one --losses value, and --seconds of at least 120");
            return 2;
        }
        var work = rates.SelectMany(loss => DetectorStudy.DefaultConfigurations.Select(c => (c, loss))).ToList();
        var points = new DetectorStudyPoint[work.Count];
        var done = 0;
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, i =>
        {
            var ((kind, period, timeout, threshold), loss) = work[i];
            points[i] = DetectorStudy.RunPoint(kind, period, timeout, threshold, loss, TimeSpan.FromSeconds(seconds), seed);
            var finished = Interlocked.Increment(ref done);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{finished}/{work.Count}] {DetectorStudy.Table([points[i]]).Split('\n')[2]}"));
        });
        Console.Write(DetectorStudy.Table(points));
        foreach (var file in DetectorStudy.Write(points, output)) Console.WriteLine($"wrote {file}");
        return 0;
    }
}
