using System.Collections.Concurrent;
using Mace.Runtime;

namespace Mace.Services.Tests;

/// <summary>A tree service's structure upcalls as awaitable events, for the real-network tree tests (RandTree, Overcast).</summary>
internal sealed class ParentWatch : ITreeStructure
{
    private readonly ConcurrentQueue<TaskCompletionSource<NodeAddress>> _waiting = new();

    /// <summary>Hops from <paramref name="node"/> up to <paramref name="root"/> through the parent map, or -1 when the links do not get there.</summary>
    public static int Depth(Dictionary<NodeAddress, NodeAddress> parents, NodeAddress node, NodeAddress root)
    {
        for (var depth = 0; depth <= parents.Count; depth++)
        {
            if (node == root) return depth;
            if (!parents.TryGetValue(node, out var parent) || parent == NodeAddress.None) return -1;
            node = parent;
        }
        return -1;
    }

    /// <summary>Completes at the next ParentChanged upcall after this call.</summary>
    public Task<NodeAddress> NextParent()
    {
        var next = new TaskCompletionSource<NodeAddress>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue(next);
        return next.Task;
    }

    public void ParentChanged(NodeAddress parent)
    {
        while (_waiting.TryDequeue(out var waiter)) waiter.TrySetResult(parent);
    }

    public void ChildAdded(NodeAddress child)
    {
    }

    public void ChildRemoved(NodeAddress child)
    {
    }
}
