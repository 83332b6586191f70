using Mace.Runtime;

namespace Mace.Services;

/// <summary>The whole-tree checks behind <see cref="RandTree"/>'s properties (plain C#: they walk every node's parent link).</summary>
public sealed partial class RandTree
{
    /// <summary>True when following parent links from <paramref name="node"/> comes back to it: the tree has a cycle through it.</summary>
    public static bool InCycle(IReadOnlyList<RandTree> nodes, RandTree node)
    {
        var byAddress = new Dictionary<NodeAddress, RandTree>();
        foreach (var n in nodes) byAddress[n.LocalAddress] = n;
        var at = node;
        for (var steps = 0; steps <= nodes.Count; steps++)
        {
            if (at.Parent == NodeAddress.None || !byAddress.TryGetValue(at.Parent, out var parent)) return false;
            if (parent == node) return true;
            at = parent;
        }
        return false;
    }

    /// <summary>The hops from <paramref name="node"/> up to the root, or -1 when its parent links do not reach a joined root.</summary>
    public static int Depth(IReadOnlyList<RandTree> nodes, RandTree node)
    {
        var byAddress = new Dictionary<NodeAddress, RandTree>();
        foreach (var n in nodes) byAddress[n.LocalAddress] = n;
        var at = node;
        for (var depth = 0; depth <= nodes.Count; depth++)
        {
            if (at.Root == at.LocalAddress) return depth;
            if (at.Parent == NodeAddress.None || !byAddress.TryGetValue(at.Parent, out var parent)) return -1;
            at = parent;
        }
        return -1;
    }
}
