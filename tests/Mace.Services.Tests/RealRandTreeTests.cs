using System.Collections.Concurrent;
using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>RandTree over real TCP on 127.0.0.1: six nodes build a tree under one root; when an inner node stops, its children rejoin.</summary>
public sealed class RealRandTreeTests
{
    [Fact]
    public async Task SixNodesOverTcp_FormATree_AndAStoppedParentsChildrenRejoinTheRoot()
    {
        var nodes = new List<(Node Node, RandTree Tree, ParentWatch Watch)>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 200 + i }));
                var watch = new ParentWatch();
                var tree = await node.InvokeAsync(() =>
                {
                    // Two children each: six nodes make at least three levels.
                    var service = RandTree.Create(node, MaxChildren: 2, HeartbeatPeriod: TimeSpan.FromMilliseconds(250), FailAfter: TimeSpan.FromSeconds(5));
                    service.RegisterTreeStructure(1, watch);
                    return service;
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, tree, watch));
            }
            var root = nodes[0].Node.Address;
            var joined = nodes.Skip(1).Select(n => n.Watch.NextParent()).ToList();
            foreach (var (node, tree, _) in nodes) await node.InvokeAsync(() => tree.JoinTree(root));
            await Task.WhenAll(joined.Select(j => j.WaitAsync(RealDhtNode.Timeout)));

            var parents = new Dictionary<NodeAddress, NodeAddress>();
            foreach (var (node, tree, _) in nodes) parents[node.Address] = await node.InvokeAsync(() => tree.TreeParent());
            Assert.Equal(NodeAddress.None, parents[root]);
            Assert.All(nodes.Skip(1), n => Assert.True(ParentWatch.Depth(parents, n.Node.Address, root) is >= 1 and <= 5));
            foreach (var (node, tree, _) in nodes) Assert.InRange(await node.InvokeAsync(() => tree.TreeChildren().Count), 0, 2);

            // Stop an inner node (one with children): each child finds a new parent that reaches the root.
            var inner = nodes.Skip(1).First(n => parents.ContainsValue(n.Node.Address));
            var orphans = nodes.Where(n => parents[n.Node.Address] == inner.Node.Address).ToList();
            var rejoined = orphans.Select(o => o.Watch.NextParent()).ToList();
            await inner.Node.StopAsync();
            await Task.WhenAll(rejoined.Select(r => r.WaitAsync(RealDhtNode.Timeout)));
            var alive = nodes.Where(n => n.Node != inner.Node).ToList();
            foreach (var (node, tree, _) in alive) parents[node.Address] = await node.InvokeAsync(() => tree.TreeParent());
            parents.Remove(inner.Node.Address);
            foreach (var orphan in orphans)
            {
                Assert.NotEqual(inner.Node.Address, parents[orphan.Node.Address]);
                Assert.True(ParentWatch.Depth(parents, orphan.Node.Address, root) >= 1, $"{orphan.Node.Address} does not reach the root");
            }
        }
        finally
        {
            foreach (var (node, _, _) in nodes) await node.StopAsync();
        }
    }
}
