using Mace.Runtime;

namespace Mace.Services;

/// <summary>Key arithmetic for <see cref="Scribe"/>'s children bound, and the whole-tree checks behind its properties (plain C#).</summary>
public sealed partial class Scribe
{
    /// <summary>How many leading hex digits <paramref name="a"/> and <paramref name="b"/> share (0 to 40).</summary>
    public static int SharedDigits(Key a, Key b)
    {
        Span<byte> x = stackalloc byte[Key.ByteLength];
        Span<byte> y = stackalloc byte[Key.ByteLength];
        a.WriteBytes(x);
        b.WriteBytes(y);
        var digits = 0;
        for (var i = 0; i < Key.ByteLength; i++)
        {
            if ((x[i] >> 4) != (y[i] >> 4)) return digits;
            digits++;
            if ((x[i] & 0x0F) != (y[i] & 0x0F)) return digits;
            digits++;
        }
        return digits;
    }

    /// <summary>True when, in some group, following parent links from <paramref name="node"/> comes back to it.</summary>
    public static bool InCycle(IReadOnlyList<Scribe> nodes, Scribe node) =>
        node.Parents.Keys.Any(group => TreeWalk.InCycle(nodes, node, static n => n.LocalAddress, static (n, group) => ParentIn(n, group), group));

    /// <summary>True when, for every group <paramref name="node"/> is a member of, its parent links reach the group's root.</summary>
    public static bool MembersReachTheRoot(IReadOnlyList<Scribe> nodes, Scribe node)
    {
        foreach (var group in node.Members)
        {
            if (!ReachesTheRoot(nodes, node, group)) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="node"/>'s parent links in <paramref name="group"/> reach the group's root.</summary>
    public static bool ReachesTheRoot(IReadOnlyList<Scribe> nodes, Scribe node, Key group) =>
        TreeWalk.Depth(nodes, node, static n => n.LocalAddress, static (n, group) => ParentIn(n, group), static (n, group) => n.Roots.Contains(group), group) >= 0;

    private static NodeAddress ParentIn(Scribe node, Key group) => node.Parents.TryGetValue(group, out var parent) ? parent : NodeAddress.None;

    /// <summary>The key of the spare-capacity group (one per deployment, like SplitStream's).</summary>
    public static Key SpareKey { get; } = Key.Hash("scribe/spare-capacity");
}
