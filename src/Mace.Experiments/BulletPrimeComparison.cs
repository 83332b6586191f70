using System.Globalization;
using System.Text;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;
using ScottPlot;

namespace Mace.Experiments;

/// <summary>One distribution run: the mesh (BulletPrime) or the tree-streaming baseline, one seed.</summary>
public sealed record BulletPrimeRun(
    string Mode, ulong Seed, int Nodes, long Complete, double SourceUplinkMbps, double SourceBoundSeconds,
    long SourceBlocks, double Mean, double Median, double P99, double Max, string Digest, double[] CompletionSeconds);

/// <summary>
/// The paper's comparison (Kostic et al., USENIX 2005): completion time of one file at every node
/// for BulletPrime's mesh against plain streaming down the same RandTree, on the same hosts (the
/// same seed gives both the same topology and bandwidths). Writes the table, a CSV of every node's
/// completion time and the two CDFs on one plot.
/// </summary>
public static class BulletPrimeComparison
{
    /// <summary>The file: 256 blocks of 16 KB (and the simulator's 40-byte header per message).</summary>
    private const double FileBits = 256 * (16384 + 40) * 8.0;

    /// <summary>Runs one mode for one seed, every node with an uplink in <paramref name="uplinkMbps"/> and a downlink in <paramref name="downlinkMbps"/>.</summary>
    public static BulletPrimeRun Run(bool mesh, int nodes, TimeSpan duration, ulong seed, (double Min, double Max) uplinkMbps, (double Min, double Max) downlinkMbps)
    {
        var scenario = new BulletPrimeScenario { MeshPeers = mesh };
        var options = new SimulationOptions
        {
            Nodes = nodes,
            Seed = seed,
            Duration = duration,
            Network = new NetworkOptions
            {
                MinBandwidthMbps = uplinkMbps.Min, MaxBandwidthMbps = uplinkMbps.Max,
                LimitDownlink = true, MinDownlinkMbps = downlinkMbps.Min, MaxDownlinkMbps = downlinkMbps.Max,
            },
        };
        var result = new SimulationRun(scenario, options).Run();
        var m = result.Metrics;
        var times = scenario.CompletionSeconds.Order().ToArray();
        var uplink = m.Counter("source.uplink.kbps") / 1000.0;
        return new BulletPrimeRun(
            scenario.Name, seed, nodes, m.Counter("bulletprime.nodes.complete"), uplink,
            uplink <= 0 ? 0 : FileBits / (uplink * 1e6), m.Counter("bulletprime.blocks.served.by.source"),
            times.Length == 0 ? 0 : times.Average(), Percentile(times, 50), Percentile(times, 99), times.Length == 0 ? 0 : times[^1], result.Digest, times);
    }

    // Nearest rank over the sorted times.
    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The markdown table, one row per run.</summary>
    public static string Table(IReadOnlyList<BulletPrimeRun> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("| mode | seed | nodes complete | source uplink | source-bound time | blocks sent by the source | completion mean / median / p99 / max | digest |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in runs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Mode} | {r.Seed} | {r.Complete} / {r.Nodes} | {r.SourceUplinkMbps:F2} Mbps | {r.SourceBoundSeconds:F1} s | {r.SourceBlocks:N0} | {r.Mean:F1} / {r.Median:F1} / {r.P99:F1} / {r.Max:F1} s | `{r.Digest}` |"));
        }
        return text.ToString();
    }

    /// <summary>Writes <c>bulletprime-table.md</c> (the table), <c>bulletprime-completion.csv</c> (every node's time) and <c>bulletprime-cdf.png</c>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<BulletPrimeRun> runs, string directory)
    {
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, "bulletprime-table.md");
        var csv = Path.Combine(directory, "bulletprime-completion.csv");
        var png = Path.Combine(directory, "bulletprime-cdf.png");
        File.WriteAllText(md, Table(runs), new UTF8Encoding(false));
        var rows = new StringBuilder("mode,seed,completion_s\n");
        foreach (var r in runs)
        {
            foreach (var t in r.CompletionSeconds) rows.Append(CultureInfo.InvariantCulture, $"{r.Mode},{r.Seed},{t:F3}\n");
        }
        File.WriteAllText(csv, rows.ToString(), new UTF8Encoding(false));

        var plot = new Plot();
        foreach (var r in runs)
        {
            var xs = r.CompletionSeconds;
            var ys = Enumerable.Range(1, xs.Length).Select(i => (double)i / xs.Length).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.MarkerSize = 0;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{r.Mode}, seed {r.Seed} (median {r.Median:F1} s)");
        }
        plot.XLabel("completion time (s)");
        plot.YLabel("fraction of nodes");
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title($"BulletPrime against tree streaming: a 4 MB file to {runs.Max(r => r.Nodes)} nodes");
        plot.SavePng(png, 900, 500);
        return [md, csv, png];
    }
}
