using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mace.Checking.Execution;

/// <summary>64-bit mixing for the global state hash: an order-sensitive combine, an avalanche finish, and a stable string hash.</summary>
internal static class StateHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>Folds <paramref name="value"/> into <paramref name="hash"/>; order matters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong hash, ulong value) => BitOperations.RotateLeft(hash ^ (value * Prime2), 31) * Prime1;

    /// <summary>The final avalanche (murmur3 fmix64).</summary>
    public static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        hash ^= hash >> 33;
        return hash;
    }

    /// <summary>A hash of <paramref name="text"/> that is the same in every process (FNV-1a, finished).</summary>
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text) hash = (hash ^ c) * 1099511628211UL;
        return Finish(hash);
    }
}
