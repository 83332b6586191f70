using Mace.Runtime;

namespace Mace.Services;

/// <summary>The stripe keys of <see cref="SplitStream"/> (plain C#: bit work on keys), and the checks behind its properties.</summary>
public sealed partial class SplitStream
{
    /// <summary>The group key of stripe <paramref name="stripe"/> (0 to 15) of <paramref name="stream"/>: the stream's key with its first hex digit set to the stripe.</summary>
    public static Key StripeKey(Key stream, int stripe)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stripe);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stripe, 15);
        Span<byte> bytes = stackalloc byte[Key.ByteLength];
        stream.WriteBytes(bytes);
        bytes[0] = (byte)((stripe << 4) | (bytes[0] & 0x0F));
        return Key.FromBytes(bytes);
    }

    /// <summary>The first hex digit of <paramref name="key"/>: the stripe whose interior a node with this id belongs to.</summary>
    public static int FirstDigit(Key key)
    {
        Span<byte> bytes = stackalloc byte[Key.ByteLength];
        key.WriteBytes(bytes);
        return bytes[0] >> 4;
    }

    /// <summary>True unless the Scribe below <paramref name="node"/> holds more children, over all stripes, than its bound.</summary>
    public static bool WithinBound(SplitStream node) =>
        node.Groups.Target is not Scribe scribe || scribe.MaxChildren <= 0 || scribe.Children.Where(g => g.Key != Scribe.SpareKey).Sum(g => g.Value.Count) <= scribe.MaxChildren;

    /// <summary>True when the Scribe below <paramref name="node"/> reaches the root of every stripe it joined (Scribe's other groups, such as the spare-capacity one, aside).</summary>
    public static bool StripesReachTheRoot(IReadOnlyList<SplitStream> nodes, SplitStream node)
    {
        if (node.Groups.Target is not Scribe scribe) return true;
        List<Scribe> trees = [.. nodes.Select(n => n.Groups.Target).OfType<Scribe>()];
        return node.StripeOf.Keys.All(stripe => Scribe.ReachesTheRoot(trees, scribe, stripe));
    }
}
