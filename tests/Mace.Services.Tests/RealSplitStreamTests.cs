using System.Collections.Concurrent;
using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>SplitStream over Scribe over Bamboo over real TCP on 127.0.0.1: five nodes join a stream and each receives blocks on all 16 stripes.</summary>
public sealed class RealSplitStreamTests
{
    [Fact]
    public async Task FiveNodesOverTcp_EveryNodeReceivesEveryStripe()
    {
        var stream = Key.Hash("real-splitstream");
        var nodes = new List<(Node Node, OverlayStack Stack, SplitStream Split, StripeInbox Inbox)>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 500 + i }));
                var inbox = new StripeInbox();
                var (stack, split) = await node.InvokeAsync(() =>
                {
                    var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: false);
                    var scribe = Scribe.Create(node, BeatPeriod: TimeSpan.FromMilliseconds(200), FailAfter: TimeSpan.FromSeconds(1), Router: stack.Route, Overlay: stack.Overlay);
                    var split = SplitStream.Create(node, Groups: scribe);
                    split.RegisterStripeData(1, inbox);
                    return (stack, split);
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, stack, split, inbox));
            }
            await nodes[0].Node.InvokeAsync(() => nodes[0].Stack.Overlay.JoinOverlay(0, []));
            foreach (var (node, stack, _, _) in nodes.Skip(1))
            {
                await node.InvokeAsync(() => stack.Overlay.JoinOverlay(0, [nodes[0].Node.Address]));
                await Eventually.Until(() => node.InvokeAsync(() => stack.Overlay.IsJoined(0)), $"{node.Address} joined the overlay");
            }
            foreach (var (node, _, split, _) in nodes) await node.InvokeAsync(() => split.JoinStream(stream));

            // Publish rounds of 16 blocks (one per stripe) until every node has a block on every stripe.
            var source = nodes[2];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!nodes.All(n => n.Inbox.Stripes.Count == 16))
            {
                Assert.True(DateTime.UtcNow < deadline, "stripes missing: " + string.Join(", ", nodes.Select(n => $"{n.Node.Address} has {n.Inbox.Stripes.Count}")));
                for (var b = 0; b < 16; b++) await source.Node.InvokeAsync(() => source.Split.PublishBlock(stream, [1, 2, 3]));
                await Task.Delay(200);
            }
            Assert.All(nodes, n => Assert.Equal(Enumerable.Range(0, 16), n.Inbox.Stripes.Keys.Order()));
        }
        finally
        {
            foreach (var (node, _, _, _) in nodes) await node.StopAsync();
        }
    }


    private sealed class StripeInbox : IStripeData
    {
        public ConcurrentDictionary<int, int> Stripes { get; } = new();

        public void BlockReceived(Key stream, int stripe, byte[] data) => Stripes.AddOrUpdate(stripe, 1, (_, n) => n + 1);
    }
}
