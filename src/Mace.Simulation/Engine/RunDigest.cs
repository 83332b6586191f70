using System.Numerics;
using System.Runtime.InteropServices;

namespace Mace.Simulation.Engine;

/// <summary>
/// A running 64-bit hash over every event of a run (time, node, kind) and every delivered
/// payload's bytes. Two runs with equal digests executed the same events in the same order with
/// the same contents; it is a determinism check, not a cryptographic hash.
/// </summary>
public sealed class RunDigest
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private ulong _state = 0x27D4EB2F165667C5UL;

    /// <summary>The number of values and byte blocks mixed in.</summary>
    public long Items { get; private set; }

    /// <summary>Mixes one value in.</summary>
    public void Add(long value)
    {
        _state = Round(_state, (ulong)value);
        Items++;
    }

    /// <summary>Mixes an event in.</summary>
    public void AddEvent(long time, int node, SimEventKind kind)
    {
        var state = Round(_state, (ulong)time);
        _state = Round(state, ((ulong)(uint)node << 8) | (byte)kind);
        Items++;
    }

    /// <summary>Mixes a byte block and its length in.</summary>
    public void AddBytes(ReadOnlySpan<byte> bytes)
    {
        var state = Round(_state, (ulong)bytes.Length);
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words) state = Round(state, word);
        ulong tail = 0;
        for (var i = words.Length * 8; i < bytes.Length; i++) tail = (tail << 8) | bytes[i];
        _state = Round(state, tail);
        Items++;
    }

    /// <summary>The digest so far, avalanched.</summary>
    public ulong Value
    {
        get
        {
            var h = _state ^ (ulong)Items;
            h ^= h >> 33;
            h *= Prime2;
            h ^= h >> 29;
            h *= Prime3;
            h ^= h >> 32;
            return h;
        }
    }

    /// <summary>The digest as 16 lower-case hex digits.</summary>
    public override string ToString() => Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Round(ulong state, ulong input)
    {
        state ^= BitOperations.RotateLeft(input * Prime2, 31) * Prime1;
        return (BitOperations.RotateLeft(state, 27) * Prime1) + Prime3;
    }
}
