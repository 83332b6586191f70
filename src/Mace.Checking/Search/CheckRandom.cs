using System.Numerics;

namespace Mace.Checking.Search;

/// <summary>xoshiro256** seeded through SplitMix64: a small, fast, reproducible generator (System.Random is banned here).</summary>
internal struct CheckRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public CheckRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A seed derived from <paramref name="seed"/> and a stream number, so walk k is reproducible alone.</summary>
    public static ulong Derive(ulong seed, ulong stream, ulong substream = 0)
    {
        var state = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ (substream * 0xD1B54A32D192ED03UL);
        return SplitMix(ref state);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="count"/>) (Lemire's multiply-shift; bias below 2^-32 for small counts).</summary>
    public int Next(int count) => (int)(((NextUInt64() >> 32) * (ulong)(uint)count) >> 32);

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
