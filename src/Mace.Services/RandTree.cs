using Mace.Runtime;

namespace Mace.Services;

/// <summary>The whole-tree checks behind <see cref="RandTree"/>'s properties (plain C#: they walk every node's parent link).</summary>
public sealed partial class RandTree
{
    /// <summary>True when following parent links from <paramref name="node"/> comes back to it: the tree has a cycle through it.</summary>
    public static bool InCycle(IReadOnlyList<RandTree> nodes, RandTree node) =>
        TreeWalk.InCycle(nodes, node, static n => n.LocalAddress, static n => n.Parent);

    /// <summary>The hops from <paramref name="node"/> up to the root, or -1 when its parent links do not reach a joined root.</summary>
    public static int Depth(IReadOnlyList<RandTree> nodes, RandTree node) =>
        TreeWalk.Depth(nodes, node, static n => n.LocalAddress, static n => n.Parent, static n => n.Root == n.LocalAddress);
}
