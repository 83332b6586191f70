using System.Collections.Concurrent;
using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>Scribe over Bamboo over real TCP on 127.0.0.1: six nodes join a group, every member receives what any member publishes, also after one of them stops.</summary>
public sealed class RealScribeTests
{
    [Fact]
    public async Task SixNodesOverTcp_EveryMemberReceivesEachPublish_AlsoAfterAMemberStops()
    {
        var group = Key.Hash("real-scribe-group");
        var nodes = new List<(Node Node, OverlayStack Stack, Scribe Scribe, Inbox Inbox)>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 300 + i }));
                var inbox = new Inbox();
                var (stack, scribe) = await node.InvokeAsync(() =>
                {
                    var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: false);
                    var scribe = Scribe.Create(node, BeatPeriod: TimeSpan.FromMilliseconds(200), FailAfter: TimeSpan.FromSeconds(1), Router: stack.Route, Overlay: stack.Overlay);
                    scribe.RegisterMulticastData(1, inbox);
                    return (stack, scribe);
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, stack, scribe, inbox));
            }
            await nodes[0].Node.InvokeAsync(() => nodes[0].Stack.Overlay.JoinOverlay(0, []));
            foreach (var (node, stack, _, _) in nodes.Skip(1))
            {
                await node.InvokeAsync(() => stack.Overlay.JoinOverlay(0, [nodes[0].Node.Address]));
                await Eventually.Until(() => node.InvokeAsync(() => stack.Overlay.IsJoined(0)), $"{node.Address} joined the overlay");
            }
            foreach (var (node, _, scribe, _) in nodes) await node.InvokeAsync(() => scribe.JoinGroup(group));
            await Eventually.Until(async () => (await Task.WhenAll(nodes.Select(n => n.Node.InvokeAsync(() => n.Scribe.IsInTree(group))))).All(x => x), "every member in the tree");

            // Every member receives a publish from any member (the publisher included).
            await PublishUntilAllReceive(nodes[3], nodes, "first");
            await PublishUntilAllReceive(nodes[5], nodes, "second");

            // Stop a member that is not the group's root; the others still receive.
            var isRoot = await Task.WhenAll(nodes.Select(n => n.Node.InvokeAsync(() => n.Scribe.Roots.Contains(group))));
            Assert.Single(isRoot, x => x);
            var stopped = nodes.Where((n, i) => !isRoot[i] && i != 1).First();
            await stopped.Node.StopAsync();
            var alive = nodes.Where(n => n.Node != stopped.Node).ToList();
            await PublishUntilAllReceive(nodes[1], alive, "after the stop");
        }
        finally
        {
            foreach (var (node, _, _, _) in nodes) await node.StopAsync();
        }
    }

    // Publishes a fresh message every 500 ms until every one of nodes has received one of them (a tree mid-repair may miss one).
    private static async Task PublishUntilAllReceive((Node Node, OverlayStack Stack, Scribe Scribe, Inbox Inbox) publisher, List<(Node Node, OverlayStack Stack, Scribe Scribe, Inbox Inbox)> nodes, string what)
    {
        var sent = new HashSet<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            var text = $"{what} #{attempt}";
            sent.Add(text);
            await publisher.Node.InvokeAsync(() => publisher.Scribe.Publish(Key.Hash("real-scribe-group"), System.Text.Encoding.UTF8.GetBytes(text)));
            var all = Task.WhenAll(nodes.Select(n => n.Inbox.AnyOf(sent)));
            if (await Task.WhenAny(all, Task.Delay(500)) == all) return;
            Assert.True(DateTime.UtcNow < deadline, $"not every member received '{what}': missing on {string.Join(", ", nodes.Where(n => !n.Inbox.AnyOf(sent).IsCompleted).Select(n => n.Node.Address))}");
        }
    }


    private sealed class Inbox : IMulticastData
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _received = new();

        public Task AnyOf(IEnumerable<string> texts) => Task.WhenAny(texts.Select(t => Slot(t).Task));

        public void Received(Key group, long sequence, byte[] data, int depth) => Slot(System.Text.Encoding.UTF8.GetString(data)).TrySetResult();

        private TaskCompletionSource Slot(string text) => _received.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
