using System.Globalization;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>How large <c>mace experiment all</c> runs every experiment.</summary>
public enum ExperimentScale
{
    /// <summary>The sizes of the pages in <c>docs/experiments/</c> (1000 nodes where the page has them).</summary>
    Paper,

    /// <summary>About a tenth of the nodes and shorter runs: minutes in all, for a quick look or CI.</summary>
    Small,
}

/// <summary>One headline figure of a run: a counter (a per-10000 one shown as a percent) or a distribution's mean or median.</summary>
public sealed record Headline(string Label, string Metric, string Stat = "value");

/// <summary>One simulator run of a system's experiment page, with the figures the page quotes.</summary>
public sealed record ExperimentRunSpec(
    string System, string Page, string Scenario, int Nodes, TimeSpan Duration, IReadOnlyList<Headline> Headlines)
{
    /// <summary>The run seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Poisson churn in deaths per second (0: none).</summary>
    public double Churn { get; init; }

    /// <summary>When churn runs (null: the whole run).</summary>
    public (TimeSpan Start, TimeSpan End)? ChurnWindow { get; init; }

    /// <summary>The downlink range in Mbps (null: unlimited).</summary>
    public (double Min, double Max)? DownlinkMbps { get; init; }

    /// <summary>A short name for the run's output directory and table row.</summary>
    public string Label => Churn > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Scenario}-churn{Churn}") : Scenario;

    /// <summary>The <c>mace sim</c> command line that makes the same run.</summary>
    public string Command()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"mace sim {Scenario} --nodes {Nodes} --duration {Duration.TotalSeconds}s --seed {Seed}");
        if (Churn > 0) text += string.Create(CultureInfo.InvariantCulture, $" --churn {Churn}");
        if (ChurnWindow is { } w) text += string.Create(CultureInfo.InvariantCulture, $" --churn-window {w.Start.TotalSeconds}s-{w.End.TotalSeconds}s");
        if (DownlinkMbps is { } d) text += string.Create(CultureInfo.InvariantCulture, $" --downlink {d.Min}-{d.Max}");
        return text;
    }

    /// <summary>The simulator options of this run.</summary>
    public SimulationOptions Options()
    {
        var churn = new ChurnOptions { Rate = Churn };
        if (ChurnWindow is { } w) churn = churn with { Start = w.Start, End = w.End };
        var network = new NetworkOptions();
        if (DownlinkMbps is { } d) network = network with { LimitDownlink = true, MinDownlinkMbps = d.Min, MaxDownlinkMbps = d.Max };
        return new SimulationOptions { Nodes = Nodes, Seed = Seed, Duration = Duration, Churn = churn, Network = network };
    }

    /// <summary>The headline figures of a finished run, formatted.</summary>
    public IReadOnlyList<(string Label, string Value)> Read(Metrics metrics) =>
        [.. Headlines.Select(h => (h.Label, Format(metrics, h)))];

    private static string Format(Metrics metrics, Headline h)
    {
        if (h.Stat == "value")
        {
            var value = metrics.Counter(h.Metric);
            return h.Metric.EndsWith(".per.10000", StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"{value / 100.0:F1}%")
                : value.ToString("N0", CultureInfo.InvariantCulture);
        }
        var d = metrics.Distributions.FirstOrDefault(x => x.Name == h.Metric);
        if (d is null || d.Count == 0) return "-";
        var stat = h.Stat switch { "mean" => d.Mean, "median" => d.Median, "p99" => d.P99, _ => d.Max };
        return string.Create(CultureInfo.InvariantCulture, $"{stat:F2} {d.Unit}");
    }
}

/// <summary>
/// Every system's experiment as its page in <c>docs/experiments/</c> runs it, at either scale;
/// <c>mace experiment all</c> runs them in order. The multi-point experiments (bamboo-churn,
/// failure-detection, bulletprime) are run by their own commands, which <c>all</c> calls too.
/// </summary>
public static class ExperimentCatalog
{
    /// <summary>The simulator runs at <paramref name="scale"/>.</summary>
    public static IReadOnlyList<ExperimentRunSpec> Runs(ExperimentScale scale)
    {
        var paper = scale == ExperimentScale.Paper;
        var n = paper ? 1000 : 100;
        TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
        Headline[] scribe = [new("delivery", "scribe.delivery.per.10000"), new("depth mean", "scribe.depth", "mean"), new("RDP median", "scribe.rdp", "median")];
        Headline[] split = [new("interior on own stripe", "splitstream.interior.own.stripe.per.10000"), new("full before failure", "splitstream.full.before.per.10000"), new("full from 15 s after", "splitstream.full.from15s.after.per.10000"), new("children max", "splitstream.children", "max")];
        Headline[] randtree = [new("connected", "randtree.connected.per.10000"), new("depth mean", "randtree.depth", "mean"), new("rejoins", "randtree.rejoins")];
        return
        [
            new("Vivaldi", "vivaldi.md", "vivaldi", n, S(paper ? 600 : 300),
                [new("median error (per mille)", "vivaldi.median-error-final-permille"), new("converged at (s)", "vivaldi.converged-at-s")]),
            new("RandTree", "randtree.md", "randtree", n, S(60), randtree),
            new("RandTree", "randtree.md", "randtree", n, S(120), randtree) { Churn = paper ? 8 : 0.8, ChurnWindow = (S(30), S(90)) },
            new("Overcast", "overcast.md", "overcast", n, S(paper ? 600 : 300),
                [new("bandwidth (of IP multicast)", "overcast.bandwidth.per.10000"), new("RandTree bandwidth", "randtree.bandwidth.per.10000"), new("rounds to converge", "overcast.rounds.to.converge"), new("depth mean", "overcast.depth", "mean")]),
            new("Scribe", "scribe.md", "scribe", n, S(90), scribe),
            new("Scribe", "scribe.md", "scribe", n, S(120), scribe) { Churn = paper ? 8 : 0.8, ChurnWindow = (S(50), S(110)) },
            new("SplitStream", "splitstream.md", "splitstream", n, S(120), split),
            new("SplitStream", "splitstream.md", "splitstream-bounded", n, S(120), split),
            new("SplitStream", "splitstream.md", "splitstream-spare", n, S(120), split),
            new("file sharing", "fileshare.md", "fileshare", n, S(131),
                [new("flood TTL 1 success", "search.flood.ttl1.success.per.10000"), new("flood TTL 2 success", "search.flood.ttl2.success.per.10000"), new("searches answered", "search.found"), new("downloads", "download.ok")]),
        ];
    }
}
