using Mace.Runtime;
using Mace.Services;
using Xunit;

namespace Mace.Services.Tests;

/// <summary>
/// TreeWalk finds parents by a scan up to <see cref="TreeWalk.ScanLimit"/> nodes and by an index
/// beyond: both against the index-only definition, on seeded random parent links with cycles,
/// dangling parents and a repeated address (the last node with an address is the one found).
/// </summary>
public sealed class TreeWalkTests
{
    private sealed record TreeNode(NodeAddress Address, NodeAddress Parent, bool IsRoot);

    [Theory]
    [InlineData(5, 1)]
    [InlineData(TreeWalk.ScanLimit, 2)]
    [InlineData(TreeWalk.ScanLimit + 1, 3)]
    [InlineData(60, 4)]
    public void DepthAndCycle_MatchTheIndexedDefinition(int count, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 100; round++)
        {
            var nodes = new List<TreeNode>();
            for (var i = 0; i < count; i++)
            {
                // Addresses 0 .. count - 2, so one repeats; a parent may be missing (count + 5) or none.
                var address = NodeAddress.Simulated(random.Next(count - 1));
                var parent = random.Next(8) == 0 ? NodeAddress.None : NodeAddress.Simulated(random.Next(count + 5));
                nodes.Add(new TreeNode(address, parent, random.Next(6) == 0));
            }
            foreach (var node in nodes)
            {
                Assert.Equal(IndexedDepth(nodes, node), TreeWalk.Depth(nodes, node, static n => n.Address, static n => n.Parent, static n => n.IsRoot));
                Assert.Equal(IndexedInCycle(nodes, node), TreeWalk.InCycle(nodes, node, static n => n.Address, static n => n.Parent));
            }
        }
    }

    private static Dictionary<NodeAddress, TreeNode> Index(List<TreeNode> nodes)
    {
        var byAddress = new Dictionary<NodeAddress, TreeNode>();
        foreach (var n in nodes) byAddress[n.Address] = n;
        return byAddress;
    }

    private static int IndexedDepth(List<TreeNode> nodes, TreeNode node)
    {
        var byAddress = Index(nodes);
        var at = node;
        for (var depth = 0; depth <= nodes.Count; depth++)
        {
            if (at.IsRoot) return depth;
            if (at.Parent == NodeAddress.None || !byAddress.TryGetValue(at.Parent, out var parent)) return -1;
            at = parent;
        }
        return -1;
    }

    private static bool IndexedInCycle(List<TreeNode> nodes, TreeNode node)
    {
        var byAddress = Index(nodes);
        var at = node;
        for (var steps = 0; steps <= nodes.Count; steps++)
        {
            if (at.Parent == NodeAddress.None || !byAddress.TryGetValue(at.Parent, out var parent)) return false;
            if (ReferenceEquals(parent, node)) return true;
            at = parent;
        }
        return false;
    }
}
