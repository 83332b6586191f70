using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>BulletPrime over real TCP on 127.0.0.1: five nodes fetch a 64-block file from one source over their mesh and control tree.</summary>
public sealed class RealBulletPrimeTests
{
    [Fact]
    public async Task FiveNodesOverTcp_EveryNodeGetsTheWholeFile()
    {
        const int blocks = 64;
        var nodes = new List<(Node Node, BulletPrime Bullet, TaskCompletionSource Done)>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 400 + i }));
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var bullet = await node.InvokeAsync(() =>
                {
                    // One listening socket a node: the control tree and the mesh share the transport.
                    var net = TcpTransport.Create(node);
                    var tree = RandTree.Create(node, MaxChildren: 2, HeartbeatPeriod: TimeSpan.FromMilliseconds(250), FailAfter: TimeSpan.FromSeconds(5), Net: net);
                    var service = BulletPrime.Create(node, Blocks: blocks, BlockBytes: 4096, RanSubPeriod: TimeSpan.FromMilliseconds(200), PeerPeriod: TimeSpan.FromMilliseconds(200), Control: tree, Net: net);
                    service.RegisterFileDistributionProgress(1, new Completion(done));
                    return service;
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, bullet, done));
            }
            var source = nodes[0].Node.Address;
            foreach (var (node, bullet, _) in nodes) await node.InvokeAsync(() => bullet.Distribute(source));
            await Task.WhenAll(nodes.Skip(1).Select(n => n.Done.Task.WaitAsync(RealDhtNode.Timeout)));
            foreach (var (node, bullet, _) in nodes)
            {
                Assert.True(await node.InvokeAsync(() => bullet.HasFile()));
                Assert.Equal(blocks, await node.InvokeAsync(() => bullet.BlocksHeld()));
            }
            // Blocks served over all nodes: at least one copy per receiver, and the source did not serve them all.
            var served = 0L;
            foreach (var (node, bullet, _) in nodes) served += await node.InvokeAsync(() => bullet.BlocksServed);
            Assert.True(served >= 4 * blocks, $"{served} blocks served");
        }
        finally
        {
            foreach (var (node, _, _) in nodes) await node.StopAsync();
        }
    }

    private sealed class Completion(TaskCompletionSource done) : IFileDistributionProgress
    {
        public void FileCompleted(NodeAddress source) => done.TrySetResult();
    }
}
