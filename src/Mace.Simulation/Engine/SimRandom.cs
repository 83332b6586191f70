namespace Mace.Simulation.Engine;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast generator whose output is fixed by this
/// code alone (not by the .NET version, unlike <see cref="Random"/>), so a seed names one run on
/// every machine. Not thread-safe; each node and the network own their own stream.
/// </summary>
public sealed class SimRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator for <paramref name="seed"/>.</summary>
    public SimRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Derives the seed of a named sub-stream (a node id, an incarnation) from a run seed.</summary>
    public static ulong Derive(ulong seed, ulong stream, ulong index = 0)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        var a = SplitMix(ref x);
        x = a ^ (index * 0xD1B54A32D192ED03UL);
        return SplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), "must be positive");
        var range = (ulong)maxExclusive;
        var product = Math.BigMul(NextUInt64() >> 32, range);
        var low = (uint)product;
        if (low < range)
        {
            var threshold = (uint)((0x1_0000_0000UL - range) % range);
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64() >> 32, range);
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>An exponentially distributed value with the given rate (mean 1/rate).</summary>
    public double NextExponential(double rate) => -Math.Log(1.0 - NextDouble()) / rate;

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
