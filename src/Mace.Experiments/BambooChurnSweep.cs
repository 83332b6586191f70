using System.Globalization;
using System.Text;
using Mace.Services;
using Mace.Simulation.Harness;
using ScottPlot;

namespace Mace.Experiments;

/// <summary>
/// Runs the churn experiment for several overlays and churn rates (one simulation per point, churn
/// starting when measurement starts) and writes the side-by-side table, CSV and PNG.
/// </summary>
public static class BambooChurnSweep
{
    /// <summary>Runs one point: <paramref name="measure"/> of simulated time after the warm-up (the caller fills in the wall time).</summary>
    public static BambooChurnPoint RunPoint(OverlayKind overlay, double lambda, int nodes, TimeSpan measure, ulong seed, TimeSpan? warmup = null)
    {
        var scenario = new BambooChurnScenario(overlay)
        {
            Warmup = warmup ?? TimeSpan.FromSeconds(60 + (nodes * 0.1)),
        };
        var options = new SimulationOptions
        {
            Nodes = nodes,
            Seed = seed,
            Duration = scenario.Warmup.Value + measure,
            StartWindow = TimeSpan.Zero,
            Churn = new ChurnOptions { Rate = lambda, Start = scenario.Warmup.Value },
        };
        var result = new SimulationRun(scenario, options).Run();
        var m = result.Metrics;
        var consistent = m.Counter("lookup.consistent");
        var judged = consistent + m.Counter("lookup.inconsistent");
        var latency = m.Distribution("lookup.latency");
        var requests = m.Counter("lookup.requests");
        return new BambooChurnPoint(
            overlay, lambda, judged,
            judged == 0 ? 0 : 100.0 * consistent / judged,
            latency.Mean, latency.Median, m.Distribution("lookup.hops", "hops").Mean,
            m.Counter("maintenance.bytes.per.node.per.second"),
            requests == 0 ? 0 : 100.0 * m.Counter("lookup.replies") / requests,
            0, result.Events);
    }

    /// <summary>The table, one row per point.</summary>
    public static string Table(IEnumerable<BambooChurnPoint> points)
    {
        var text = new StringBuilder();
        text.AppendLine("| overlay | lambda (deaths/s) | lookups | consistent % | mean latency (ms) | median latency (ms) | mean hops | maintenance (B/s/node) | replies % | wall (s) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in points)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Overlay} | {p.Lambda:0.##} | {p.Lookups} | {p.ConsistentPercent:0.00} | {p.MeanLatencyMs:0} | {p.MedianLatencyMs:0} | {p.MeanHops:0.00} | {p.MaintenanceBytesPerNodePerSecond:0} | {p.ReplyPercent:0.00} | {p.WallSeconds:0} |"));
        }
        return text.ToString();
    }

    /// <summary>The CSV, one row per point.</summary>
    public static string Csv(IEnumerable<BambooChurnPoint> points)
    {
        var text = new StringBuilder("overlay,lambda,lookups,consistent_pct,mean_latency_ms,median_latency_ms,mean_hops,maintenance_bytes_per_node_s,reply_pct,wall_s,events\n");
        foreach (var p in points)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Overlay},{p.Lambda},{p.Lookups},{p.ConsistentPercent:0.###},{p.MeanLatencyMs:0.###},{p.MedianLatencyMs:0.###},{p.MeanHops:0.###},{p.MaintenanceBytesPerNodePerSecond:0},{p.ReplyPercent:0.###},{p.WallSeconds:0.#},{p.Events}\n");
        }
        return text.ToString();
    }

    /// <summary>Reads points back from a CSV written by <see cref="Csv"/> (to merge runs and plot them again).</summary>
    public static IReadOnlyList<BambooChurnPoint> ReadCsv(string path)
    {
        var points = new List<BambooChurnPoint>();
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            points.Add(new BambooChurnPoint(Enum.Parse<OverlayKind>(f[0]), D(1), long.Parse(f[2], CultureInfo.InvariantCulture), D(3), D(4), D(5), D(6), D(7), D(8), D(9), long.Parse(f[10], CultureInfo.InvariantCulture)));
        }
        return points;
    }

    /// <summary>Writes bamboo-churn.csv, bamboo-churn.md, bamboo-churn-consistency.png and bamboo-churn-latency.png into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<BambooChurnPoint> points, string directory)
    {
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "bamboo-churn.csv");
        var md = Path.Combine(directory, "bamboo-churn.md");
        var png = Path.Combine(directory, "bamboo-churn-consistency.png");
        var latencyPng = Path.Combine(directory, "bamboo-churn-latency.png");
        File.WriteAllText(csv, Csv(points), new UTF8Encoding(false));
        File.WriteAllText(md, Table(points), new UTF8Encoding(false));
        Draw(points, p => p.ConsistentPercent, "consistent lookups (%)", png);
        Draw(points, p => p.MeanLatencyMs, "mean lookup latency (ms)", latencyPng);
        return [csv, md, png, latencyPng];
    }

    private static void Draw(IReadOnlyList<BambooChurnPoint> points, Func<BambooChurnPoint, double> value, string label, string path)
    {
        var plot = new Plot();
        foreach (var group in points.GroupBy(p => p.Overlay))
        {
            var ordered = group.OrderBy(p => p.Lambda).ToArray();
            var line = plot.Add.Scatter(ordered.Select(p => p.Lambda).ToArray(), ordered.Select(value).ToArray());
            line.LegendText = group.Key.ToString();
        }
        plot.XLabel("churn (deaths per second)");
        plot.YLabel(label);
        plot.ShowLegend();
        plot.Title($"{label} against churn, {points.Count} points");
        plot.SavePng(path, 800, 500);
    }
}
