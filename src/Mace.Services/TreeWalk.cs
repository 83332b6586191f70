using Mace.Runtime;

namespace Mace.Services;

/// <summary>Walks the parent links of a tree service's nodes (RandTree, Overcast) for properties and experiments.</summary>
public static class TreeWalk
{
    /// <summary>True when following parent links from <paramref name="node"/> comes back to it.</summary>
    public static bool InCycle<T>(IReadOnlyList<T> nodes, T node, Func<T, NodeAddress> address, Func<T, NodeAddress> parentOf)
        where T : class
    {
        var byAddress = Index(nodes, address);
        var at = node;
        for (var steps = 0; steps <= nodes.Count; steps++)
        {
            if (parentOf(at) == NodeAddress.None || !byAddress.TryGetValue(parentOf(at), out var parent)) return false;
            if (ReferenceEquals(parent, node)) return true;
            at = parent;
        }
        return false;
    }

    /// <summary>The hops from <paramref name="node"/> up to a root, or -1 when its parent links do not reach one.</summary>
    public static int Depth<T>(IReadOnlyList<T> nodes, T node, Func<T, NodeAddress> address, Func<T, NodeAddress> parentOf, Func<T, bool> isRoot)
        where T : class
    {
        var byAddress = Index(nodes, address);
        var at = node;
        for (var depth = 0; depth <= nodes.Count; depth++)
        {
            if (isRoot(at)) return depth;
            if (parentOf(at) == NodeAddress.None || !byAddress.TryGetValue(parentOf(at), out var parent)) return -1;
            at = parent;
        }
        return -1;
    }

    private static Dictionary<NodeAddress, T> Index<T>(IReadOnlyList<T> nodes, Func<T, NodeAddress> address)
    {
        var byAddress = new Dictionary<NodeAddress, T>();
        foreach (var n in nodes) byAddress[address(n)] = n;
        return byAddress;
    }
}
