using Mace.Runtime;

namespace Mace.Services;

/// <summary>Walks the parent links of a tree service's nodes (RandTree, Overcast, Scribe) for properties and experiments.</summary>
/// <remarks>
/// The model checker evaluates properties after every step, on a handful of nodes, so a parent is
/// found by scanning the list there; from <see cref="ScanLimit"/> nodes on (simulations, experiments)
/// one address index is built per call. Either way a repeated address resolves to its last node.
/// </remarks>
public static class TreeWalk
{
    /// <summary>Up to this many nodes a parent is found by a scan, with nothing allocated.</summary>
    public const int ScanLimit = 16;

    /// <summary>True when following parent links from <paramref name="node"/> comes back to it.</summary>
    public static bool InCycle<T>(IReadOnlyList<T> nodes, T node, Func<T, NodeAddress> address, Func<T, NodeAddress> parentOf)
        where T : class =>
        InCycle(nodes, node, address, static (n, parentOf) => parentOf(n), parentOf);

    /// <summary>
    /// <see cref="InCycle{T}(IReadOnlyList{T}, T, Func{T, NodeAddress}, Func{T, NodeAddress})"/> with
    /// <paramref name="state"/> passed to <paramref name="parentOf"/>, so a static lambda can read it
    /// (a property evaluated after every checker step then allocates no closure).
    /// </summary>
    public static bool InCycle<T, TState>(IReadOnlyList<T> nodes, T node, Func<T, NodeAddress> address, Func<T, TState, NodeAddress> parentOf, TState state)
        where T : class
    {
        Dictionary<NodeAddress, T>? index = null;
        var at = node;
        for (var steps = 0; steps <= nodes.Count; steps++)
        {
            if (!TryFindParent(nodes, ref index, address, parentOf(at, state), out var parent)) return false;
            if (ReferenceEquals(parent, node)) return true;
            at = parent;
        }
        return false;
    }

    /// <summary>The hops from <paramref name="node"/> up to a root, or -1 when its parent links do not reach one.</summary>
    public static int Depth<T>(IReadOnlyList<T> nodes, T node, Func<T, NodeAddress> address, Func<T, NodeAddress> parentOf, Func<T, bool> isRoot)
        where T : class =>
        Depth(nodes, node, address, static (n, s) => s.ParentOf(n), static (n, s) => s.IsRoot(n), (ParentOf: parentOf, IsRoot: isRoot));

    /// <summary>
    /// <see cref="Depth{T}(IReadOnlyList{T}, T, Func{T, NodeAddress}, Func{T, NodeAddress}, Func{T, bool})"/>
    /// with <paramref name="state"/> passed to <paramref name="parentOf"/> and <paramref name="isRoot"/>.
    /// </summary>
    public static int Depth<T, TState>(IReadOnlyList<T> nodes, T node, Func<T, NodeAddress> address, Func<T, TState, NodeAddress> parentOf, Func<T, TState, bool> isRoot, TState state)
        where T : class
    {
        Dictionary<NodeAddress, T>? index = null;
        var at = node;
        for (var depth = 0; depth <= nodes.Count; depth++)
        {
            if (isRoot(at, state)) return depth;
            if (!TryFindParent(nodes, ref index, address, parentOf(at, state), out var parent)) return -1;
            at = parent;
        }
        return -1;
    }

    private static bool TryFindParent<T>(IReadOnlyList<T> nodes, ref Dictionary<NodeAddress, T>? index, Func<T, NodeAddress> address, NodeAddress parent, out T found)
        where T : class
    {
        found = null!;
        if (parent == NodeAddress.None) return false;
        if (nodes.Count <= ScanLimit)
        {
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                if (address(nodes[i]) != parent) continue;
                found = nodes[i];
                return true;
            }
            return false;
        }
        index ??= Index(nodes, address);
        return index.TryGetValue(parent, out found!);
    }

    private static Dictionary<NodeAddress, T> Index<T>(IReadOnlyList<T> nodes, Func<T, NodeAddress> address)
    {
        var byAddress = new Dictionary<NodeAddress, T>();
        foreach (var n in nodes) byAddress[address(n)] = n;
        return byAddress;
    }
}
