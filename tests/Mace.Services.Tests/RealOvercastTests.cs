using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>Overcast over real TCP on 127.0.0.1: five nodes probe their way into a tree under one root; when an inner node stops, its children rejoin from their grandparent.</summary>
public sealed class RealOvercastTests
{
    [Fact]
    public async Task FiveNodesOverTcp_ProbeIntoATree_AndAStoppedParentsChildrenRejoin()
    {
        var nodes = new List<(Node Node, Overcast Tree, ParentWatch Watch)>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 300 + i }));
                var watch = new ParentWatch();
                var tree = await node.InvokeAsync(() =>
                {
                    // No re-evaluation during the test (a round of an hour): the tree moves only when a node fails.
                    // The stopped node's peers learn of it from the closed connection; the heartbeat timeout is
                    // long so that a loaded CI machine's pauses are not taken for failures (600 ms once was).
                    var service = Overcast.Create(node, RoundPeriod: TimeSpan.FromHours(1), ProbeTimeout: TimeSpan.FromSeconds(2), HeartbeatPeriod: TimeSpan.FromMilliseconds(250), FailAfter: TimeSpan.FromSeconds(5));
                    service.RegisterTreeStructure(1, watch);
                    return service;
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, tree, watch));
            }
            var root = nodes[0].Node.Address;
            await nodes[0].Node.InvokeAsync(() => nodes[0].Tree.JoinTree(root));
            // One at a time, each probing the tree the earlier ones built.
            foreach (var (node, tree, watch) in nodes.Skip(1))
            {
                var placed = watch.NextParent();
                await node.InvokeAsync(() => tree.JoinTree(root));
                await placed.WaitAsync(RealDhtNode.Timeout);
            }

            var parents = new Dictionary<NodeAddress, NodeAddress>();
            foreach (var (node, tree, _) in nodes) parents[node.Address] = await node.InvokeAsync(() => tree.TreeParent());
            Assert.Equal(NodeAddress.None, parents[root]);
            Assert.All(nodes.Skip(1), n => Assert.True(ParentWatch.Depth(parents, n.Node.Address, root) is >= 1 and <= 4));
            foreach (var (node, tree, _) in nodes) Assert.True(await node.InvokeAsync(() => tree.IsJoinedTree()));
            // Loopback bandwidth is the same through every node, so joins descend: the tree is more than a star.
            Assert.Contains(nodes.Skip(1), n => parents[n.Node.Address] != root);

            var inner = nodes.Skip(1).First(n => parents.ContainsValue(n.Node.Address));
            var orphans = nodes.Where(n => parents[n.Node.Address] == inner.Node.Address).ToList();
            var rejoined = orphans.Select(o => o.Watch.NextParent()).ToList();
            await inner.Node.StopAsync();
            await Task.WhenAll(rejoined.Select(r => r.WaitAsync(RealDhtNode.Timeout)));
            var alive = nodes.Where(n => n.Node != inner.Node).ToList();
            parents.Clear();
            foreach (var (node, tree, _) in alive) parents[node.Address] = await node.InvokeAsync(() => tree.TreeParent());
            foreach (var orphan in orphans)
            {
                Assert.NotEqual(inner.Node.Address, parents[orphan.Node.Address]);
                Assert.True(ParentWatch.Depth(parents, orphan.Node.Address, root) >= 1, $"{orphan.Node.Address} does not reach the root");
            }
            Assert.True(await orphans[0].Node.InvokeAsync(() => orphans[0].Tree.Rejoins) >= 1);
        }
        finally
        {
            foreach (var (node, _, _) in nodes) await node.StopAsync();
        }
    }
}
