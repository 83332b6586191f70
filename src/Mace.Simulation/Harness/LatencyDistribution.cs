namespace Mace.Simulation.Harness;

/// <summary>
/// A distribution of non-negative values (latencies in milliseconds) kept as a histogram, so
/// memory stays fixed however many samples a long run records: 0.1 ms buckets up to 2 s, then
/// 10 ms buckets up to 10 minutes. Count, sum, minimum and maximum are exact; percentiles are
/// exact to the bucket width.
/// </summary>
public sealed class LatencyDistribution
{
    private const double FineWidth = 0.1;
    private const double FineLimit = 2_000;
    private const double CoarseWidth = 10;
    private const double CoarseLimit = 600_000;
    private const int FineBuckets = (int)(FineLimit / FineWidth);
    private const int CoarseBuckets = (int)((CoarseLimit - FineLimit) / CoarseWidth);

    private readonly long[] _buckets = new long[FineBuckets + CoarseBuckets + 1];

    /// <summary>A distribution named <paramref name="name"/> in <paramref name="unit"/>.</summary>
    public LatencyDistribution(string name, string unit = "ms")
    {
        Name = name;
        Unit = unit;
    }

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>The unit of the values.</summary>
    public string Unit { get; }

    /// <summary>Samples recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The sum of the samples.</summary>
    public double Sum { get; private set; }

    /// <summary>The smallest sample (0 when empty).</summary>
    public double Min { get; private set; }

    /// <summary>The largest sample (0 when empty).</summary>
    public double Max { get; private set; }

    /// <summary>The mean (0 when empty).</summary>
    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>The median.</summary>
    public double Median => Percentile(50);

    /// <summary>The 99th percentile.</summary>
    public double P99 => Percentile(99);

    /// <summary>Records one sample; negative values count as zero.</summary>
    public void Add(double value)
    {
        if (value < 0 || double.IsNaN(value)) value = 0;
        if (Count == 0 || value < Min) Min = value;
        if (Count == 0 || value > Max) Max = value;
        Count++;
        Sum += value;
        _buckets[Bucket(value)]++;
    }

    /// <summary>The value below which <paramref name="percent"/>% of samples fall (bucket midpoint, clamped to min/max).</summary>
    public double Percentile(double percent)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(Math.Clamp(percent, 0, 100) / 100 * Count);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank) return Math.Clamp(Midpoint(i), Min, Max);
        }
        return Max;
    }

    /// <summary>(value, fraction of samples at or below it) for each non-empty bucket, ascending: the CDF.</summary>
    public IEnumerable<(double Value, double Fraction)> Cdf()
    {
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            if (_buckets[i] == 0) continue;
            seen += _buckets[i];
            yield return (Math.Clamp(Midpoint(i), Min, Max), seen / (double)Count);
        }
    }

    private static int Bucket(double value)
    {
        if (value < FineLimit) return (int)(value / FineWidth);
        if (value < CoarseLimit) return FineBuckets + (int)((value - FineLimit) / CoarseWidth);
        return FineBuckets + CoarseBuckets;
    }

    private double Midpoint(int bucket)
    {
        if (bucket < FineBuckets) return (bucket + 0.5) * FineWidth;
        if (bucket < FineBuckets + CoarseBuckets) return FineLimit + ((bucket - FineBuckets + 0.5) * CoarseWidth);
        return Max;
    }
}
