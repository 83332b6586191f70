using System.Globalization;
using System.Text;
using Mace.Simulation.Harness;
using ScottPlot;

namespace Mace.Experiments;

/// <summary>
/// The failure-detection study: detection time against false positives for several probe periods
/// and timeouts of <c>ProbeDetector</c> (a Mace <c>detect</c> block), beside <c>PhiDetector</c> with
/// Akka.NET's defaults (1 s heartbeat, threshold 8), on the same simulated network. Each point is
/// one run: <see cref="Nodes"/> nodes each watching <see cref="PeersPerNode"/> random peers over UDP
/// with a given loss, one crash every <see cref="CrashEvery"/> after a warm-up.
/// </summary>
public static class DetectorStudy
{
    /// <summary>Nodes per run.</summary>
    public const int Nodes = 50;

    /// <summary>Peers each node watches.</summary>
    public const int PeersPerNode = 8;

    /// <summary>Time between scripted crashes (the first after one interval).</summary>
    public static readonly TimeSpan CrashEvery = TimeSpan.FromSeconds(60);

    /// <summary>The configurations of the default study: probe (period, timeout) pairs, then phi thresholds at a 1 s heartbeat.</summary>
    public static IReadOnlyList<(DetectorKind Kind, TimeSpan Period, TimeSpan Timeout, double Threshold)> DefaultConfigurations { get; } =
    [
        (DetectorKind.Probe, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), 0),
        (DetectorKind.Probe, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), 0),
        (DetectorKind.Probe, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3), 0),
        (DetectorKind.Probe, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), 0),
        (DetectorKind.Probe, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 0),
        (DetectorKind.Probe, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0),
        (DetectorKind.Probe, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), 0),
        (DetectorKind.Phi, TimeSpan.FromSeconds(1), TimeSpan.Zero, 4),
        (DetectorKind.Phi, TimeSpan.FromSeconds(1), TimeSpan.Zero, 8),
        (DetectorKind.Phi, TimeSpan.FromSeconds(1), TimeSpan.Zero, 12),
    ];

    /// <summary>Runs one point for <paramref name="duration"/> of simulated time.</summary>
    public static DetectorStudyPoint RunPoint(DetectorKind kind, TimeSpan period, TimeSpan timeout, double threshold, double loss, TimeSpan duration, ulong seed)
    {
        var scenario = new FailureDetectionScenario
        {
            Kind = kind,
            Period = period,
            Timeout = kind == DetectorKind.Probe ? timeout : TimeSpan.FromSeconds(5),
            PhiThreshold = threshold,
            PeersPerNode = PeersPerNode,
        };
        var crashes = new List<ScriptedFault>();
        for (var (at, host) = (CrashEvery, 0); at < duration - CrashEvery / 2; at += CrashEvery, host += 7)
        {
            crashes.Add(ScriptedFault.Crash(at, host % Nodes));
        }
        var options = new SimulationOptions
        {
            Nodes = Nodes,
            Seed = seed,
            Duration = duration,
            StartWindow = TimeSpan.FromSeconds(1),
            Network = new Mace.Simulation.Network.NetworkOptions { UdpLoss = loss },
            Faults = crashes,
        };
        var m = new SimulationRun(scenario, options).Run().Metrics;
        var detection = m.Distribution(FailureDetectionScenario.DetectionTimeDistribution);
        var pairs = Math.Max(1, m.Counter("detector.watched-pairs"));
        var falsePositives = m.Counter(FailureDetectionScenario.FalsePositivesCounter);
        var name = kind == DetectorKind.Probe
            ? string.Create(CultureInfo.InvariantCulture, $"probe {period.TotalSeconds:0.###}s/{timeout.TotalSeconds:0.###}s")
            : string.Create(CultureInfo.InvariantCulture, $"phi {period.TotalSeconds:0.###}s/{threshold:0.#}");
        return new DetectorStudyPoint(
            name, kind, period.TotalSeconds, kind == DetectorKind.Probe ? timeout.TotalSeconds : 0, kind == DetectorKind.Phi ? threshold : 0, loss,
            m.Counter(FailureDetectionScenario.DetectionsCounter),
            m.Counter(FailureDetectionScenario.MissedCounter),
            detection.Mean / 1000, detection.Max / 1000,
            falsePositives,
            falsePositives / (pairs * duration.TotalHours),
            m.Counter("detector.bytes.per.node.per.second"));
    }

    /// <summary>The table, one row per point.</summary>
    public static string Table(IEnumerable<DetectorStudyPoint> points)
    {
        var text = new StringBuilder();
        text.AppendLine("| detector | UDP loss | detections | missed | mean detection (s) | max detection (s) | false positives | per pair-hour | payload B/s per node |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in points)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Detector} | {p.Loss:0%} | {p.Detections} | {p.Missed} | {p.MeanDetectionSeconds:0.00} | {p.MaxDetectionSeconds:0.00} | {p.FalsePositives} | {p.FalsePositivesPerPairHour:0.####} | {p.BytesPerNodePerSecond:0} |"));
        }
        return text.ToString();
    }

    /// <summary>The CSV, one row per point.</summary>
    public static string Csv(IEnumerable<DetectorStudyPoint> points)
    {
        var text = new StringBuilder("detector,kind,period_s,timeout_s,phi_threshold,loss,detections,missed,mean_detection_s,max_detection_s,false_positives,false_positives_per_pair_hour,bytes_per_node_s\n");
        foreach (var p in points)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Detector},{p.Kind},{p.PeriodSeconds},{p.TimeoutSeconds},{p.PhiThreshold},{p.Loss},{p.Detections},{p.Missed},{p.MeanDetectionSeconds:0.###},{p.MaxDetectionSeconds:0.###},{p.FalsePositives},{p.FalsePositivesPerPairHour:0.######},{p.BytesPerNodePerSecond:0}\n");
        }
        return text.ToString();
    }

    /// <summary>Writes failure-detection.csv, failure-detection.md and failure-detection.png into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<DetectorStudyPoint> points, string directory)
    {
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "failure-detection.csv");
        var md = Path.Combine(directory, "failure-detection.md");
        var png = Path.Combine(directory, "failure-detection.png");
        File.WriteAllText(csv, Csv(points), new UTF8Encoding(false));
        File.WriteAllText(md, Table(points), new UTF8Encoding(false));
        Draw(points, png);
        return [csv, md, png];
    }

    /// <summary>Mean detection time against false positives per pair-hour (log scale, zero drawn at 0.001), one series per loss rate.</summary>
    private static void Draw(IReadOnlyList<DetectorStudyPoint> points, string path)
    {
        var plot = new Plot();
        const double floor = 0.001;
        foreach (var group in points.GroupBy(p => p.Loss).OrderBy(g => g.Key))
        {
            var ordered = group.ToArray();
            var series = plot.Add.ScatterPoints(
                ordered.Select(p => p.MeanDetectionSeconds).ToArray(),
                ordered.Select(p => Math.Log10(Math.Max(floor, p.FalsePositivesPerPairHour))).ToArray());
            series.LegendText = string.Create(CultureInfo.InvariantCulture, $"UDP loss {group.Key:0%}");
            series.MarkerSize = 8;
            foreach (var p in ordered)
            {
                var label = plot.Add.Text(p.Detector, p.MeanDetectionSeconds, Math.Log10(Math.Max(floor, p.FalsePositivesPerPairHour)));
                label.LabelFontSize = 9;
            }
        }
        plot.XLabel("mean detection time after a crash (s)");
        plot.YLabel("log10 false positives per watched pair-hour (-3 = none)");
        plot.ShowLegend();
        plot.Title("Failure detectors: detection time against false positives");
        plot.SavePng(path, 900, 560);
    }
}
