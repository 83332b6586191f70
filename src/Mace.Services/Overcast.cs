using Mace.Runtime;

namespace Mace.Services;

/// <summary>The whole-tree checks behind <see cref="Overcast"/>'s properties (plain C#: they walk every node's parent link).</summary>
public sealed partial class Overcast
{
    /// <summary>True when following parent links from <paramref name="node"/> comes back to it.</summary>
    public static bool InCycle(IReadOnlyList<Overcast> nodes, Overcast node) =>
        TreeWalk.InCycle(nodes, node, static n => n.LocalAddress, static n => n.Parent);

    /// <summary>The hops from <paramref name="node"/> up to the root, or -1 when its parent links do not reach it.</summary>
    public static int Depth(IReadOnlyList<Overcast> nodes, Overcast node) =>
        TreeWalk.Depth(nodes, node, static n => n.LocalAddress, static n => n.Parent, static n => n.Root == n.LocalAddress);
}
