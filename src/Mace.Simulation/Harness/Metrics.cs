namespace Mace.Simulation.Harness;

/// <summary>
/// A run's named counters (each also bucketed per simulated second, for time plots) and latency
/// distributions. Names are reported in ordinal order, so output does not depend on the order in
/// which metrics were first touched. Engine thread only.
/// </summary>
public sealed class Metrics
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _perSecond = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LatencyDistribution> _distributions = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="amount"/> to counter <paramref name="name"/> at virtual second <paramref name="second"/>.</summary>
    public void Count(string name, long second, long amount = 1)
    {
        _counters[name] = Counter(name) + amount;
        Bucket(name, second) += amount;
    }

    /// <summary>
    /// Records a level (not a count) at virtual second <paramref name="second"/>: the per-second
    /// series of <paramref name="name"/> takes <paramref name="value"/> there, and no total is kept
    /// (a sum of levels means nothing); <see cref="Set"/> a final value if the table should show one.
    /// </summary>
    public void Gauge(string name, long second, long value) => Bucket(name, second) = value;

    private ref long Bucket(string name, long second)
    {
        if (!_perSecond.TryGetValue(name, out var series))
        {
            series = [];
            _perSecond.Add(name, series);
        }
        if (second < 0) second = 0;
        while (series.Count <= second) series.Add(0);
        return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(series)[(int)second];
    }

    /// <summary>Sets counter <paramref name="name"/> (a total computed at the end; no time series).</summary>
    public void Set(string name, long value) => _counters[name] = value;

    /// <summary>The counter's value (0 if never counted).</summary>
    public long Counter(string name) => _counters.GetValueOrDefault(name);

    /// <summary>The distribution <paramref name="name"/>, created on first use.</summary>
    public LatencyDistribution Distribution(string name, string unit = "ms")
    {
        if (!_distributions.TryGetValue(name, out var distribution))
        {
            distribution = new LatencyDistribution(name, unit);
            _distributions.Add(name, distribution);
        }
        return distribution;
    }

    /// <summary>Counters in ordinal name order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counters =>
        [.. _counters.OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    /// <summary>Distributions in ordinal name order.</summary>
    public IReadOnlyList<LatencyDistribution> Distributions =>
        [.. _distributions.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>The per-second series of counter <paramref name="name"/> (empty if none).</summary>
    public IReadOnlyList<long> PerSecond(string name) => _perSecond.TryGetValue(name, out var series) ? series : [];

    /// <summary>Names of counters with a per-second series, in ordinal order.</summary>
    public IReadOnlyList<string> SeriesNames => [.. _perSecond.Keys.OrderBy(k => k, StringComparer.Ordinal)];
}
