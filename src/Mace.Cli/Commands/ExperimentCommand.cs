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
/// <item><c>bulletprime</c>: completion-time CDFs of BulletPrime's mesh against streaming down the same tree.</item>
/// <item><c>all</c>: every system's experiment page, at the pages' scale or a small one (ExperimentCommand.All.cs).</item>
/// </list>
/// </summary>
internal static partial class ExperimentCommand
{
    public static Command Create() => new("experiment", "Run a multi-point experiment in the simulator; each writes a table, a CSV and plots.")
    {
        CreateBambooChurn(),
        CreateFailureDetection(),
        CreateBulletPrime(),
        CreateAll(),
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

    private static Command CreateBulletPrime()
    {
        var nodes = new Option<int>("--nodes", "-n") { Description = "Nodes (node 0 is the source).", DefaultValueFactory = _ => 100 };
        var measure = new Option<double>("--seconds") { Description = "Simulated seconds per run.", DefaultValueFactory = _ => 300 };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated run seeds; each seed gives both modes the same hosts.", DefaultValueFactory = _ => "1,2" };
        var uplink = new Option<string>("--uplink") { Description = "Per-node uplink range in Mbps, MIN-MAX.", DefaultValueFactory = _ => "2-8" };
        var downlink = new Option<string>("--downlink") { Description = "Per-node downlink range in Mbps, MIN-MAX.", DefaultValueFactory = _ => "4-12" };
        var output = new Option<string>("--out", "-o") { Description = "Output directory.", DefaultValueFactory = _ => "experiment-out" };
        var parallel = new Option<int>("--parallel") { Description = "Runs simulated at once (each run is one thread; results do not depend on it).", DefaultValueFactory = _ => 1 };
        var command = new Command("bulletprime", "BulletPrime's mesh against streaming down the same RandTree: completion time of a 4 MB file at every node, as a table, a CSV and one CDF plot.")
        {
            nodes, measure, seeds, uplink, downlink, output, parallel,
        };
        command.SetAction(result => RunBulletPrime(
            result.GetValue(nodes), result.GetValue(measure), result.GetValue(seeds)!, result.GetValue(uplink)!,
            result.GetValue(downlink)!, result.GetValue(output)!, result.GetValue(parallel)));
        return command;
    }

    private static int RunBulletPrime(int nodes, double seconds, string seedList, string uplinkText, string downlinkText, string output, int parallel)
    {
        const string name = "mace experiment bulletprime";
        var seeds = new List<ulong>();
        foreach (var text in seedList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            {
                Console.Error.WriteLine($"{name}: error: --seeds: '{text}' is not a seed (0 to {ulong.MaxValue})");
                return 2;
            }
            seeds.Add(seed);
        }
        if (!SimCommand.TryParseRate(uplinkText, out var up) || up is null)
        {
            Console.Error.WriteLine($"{name}: error: --uplink must be MIN-MAX in Mbps with 0 < MIN <= MAX, not '{uplinkText}'");
            return 2;
        }
        if (!SimCommand.TryParseRate(downlinkText, out var down) || down is null)
        {
            Console.Error.WriteLine($"{name}: error: --downlink must be MIN-MAX in Mbps with 0 < MIN <= MAX, not '{downlinkText}'");
            return 2;
        }
        if (seeds.Count == 0 || nodes < 2 || !(seconds >= 10) || double.IsInfinity(seconds))
        {
            Console.Error.WriteLine($"{name}: error: give at least one seed, --nodes of at least 2 and --seconds of at least 10");
            return 2;
        }
        var work = seeds.SelectMany(seed => new[] { (Mesh: true, Seed: seed), (Mesh: false, Seed: seed) }).ToList();
        var runs = new BulletPrimeRun[work.Count];
        var done = 0;
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, i =>
        {
            runs[i] = BulletPrimeComparison.Run(work[i].Mesh, nodes, TimeSpan.FromSeconds(seconds), work[i].Seed, up.Value, down.Value);
            var finished = Interlocked.Increment(ref done);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{finished}/{work.Count}] {runs[i].Mode} seed {runs[i].Seed}: {runs[i].Complete}/{nodes} complete, median {runs[i].Median:F1} s"));
        });
        Console.Write(BulletPrimeComparison.Table(runs));
        try
        {
            foreach (var file in BulletPrimeComparison.Write(runs, output)) Console.WriteLine($"wrote {file}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{name}: error: cannot write results to '{output}': {ex.Message}");
            return 1;
        }
        return 0;
    }
}
