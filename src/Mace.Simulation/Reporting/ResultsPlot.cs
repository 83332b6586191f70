using Mace.Simulation.Harness;
using ScottPlot;

namespace Mace.Simulation.Reporting;

/// <summary>
/// Renders a result as PNG plots with ScottPlot: <c>latency-cdf.png</c> (the CDF of every
/// latency distribution) and <c>timeline.png</c> (the scenario's counters per simulated second).
/// </summary>
public static class ResultsPlot
{
    /// <summary>Writes the plots into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(SimulationResult result, string directory, int width = 900, int height = 500)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var distributions = result.Metrics.Distributions.Where(d => d.Count > 0).ToList();
        if (distributions.Count > 0)
        {
            var plot = new Plot();
            foreach (var d in distributions)
            {
                var points = d.Cdf().ToArray();
                var line = plot.Add.ScatterLine(points.Select(p => p.Value).ToArray(), points.Select(p => p.Fraction).ToArray());
                line.LegendText = $"{d.Name} (median {d.Median:0.0} {d.Unit}, p99 {d.P99:0.0} {d.Unit})";
            }
            plot.Title($"{result.ScenarioName}: {(distributions.All(d => d.Unit == "ms") ? "latency" : "distribution")} CDF ({result.Options.Nodes} nodes, seed {result.Options.Seed})");
            plot.XLabel(distributions[0].Unit);
            plot.YLabel("fraction of samples");
            plot.ShowLegend(Alignment.LowerRight);
            files.Add(Save(plot, directory, "latency-cdf.png", width, height));
        }
        var counters = result.TimelineCounters.Where(c => result.Metrics.PerSecond(c).Count > 0).ToList();
        if (counters.Count > 0)
        {
            var plot = new Plot();
            foreach (var name in counters)
            {
                var series = result.Metrics.PerSecond(name);
                var xs = Enumerable.Range(0, series.Count).Select(i => (double)i).ToArray();
                var line = plot.Add.ScatterLine(xs, series.Select(v => (double)v).ToArray());
                line.LegendText = name;
            }
            plot.Title($"{result.ScenarioName}: per simulated second");
            plot.XLabel("simulated time (s)");
            plot.YLabel("value in that second");
            plot.ShowLegend(Alignment.UpperRight);
            files.Add(Save(plot, directory, "timeline.png", width, height));
        }
        return files;
    }

    private static string Save(Plot plot, string directory, string name, int width, int height)
    {
        var path = Path.Combine(directory, name);
        plot.SavePng(path, width, height);
        return path;
    }
}
