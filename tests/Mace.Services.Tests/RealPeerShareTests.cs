using System.Collections.Concurrent;
using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>PeerShare over real TCP on 127.0.0.1: five nodes elect super-peers, a flood and a walk find a shared file, and it downloads from its holder.</summary>
public sealed class RealPeerShareTests
{
    [Fact]
    public async Task FiveNodesOverTcp_FindAFileByFloodAndByWalk_AndDownloadIt()
    {
        var nodes = new List<(Node Node, PeerShare Share, Answers Answers)>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 400 + i }));
                var answers = new Answers();
                var index = i;
                var share = await node.InvokeAsync(() =>
                {
                    // Node 0 and node 1 can be super-peers; each takes two leaves.
                    var service = PeerShare.Create(node, Capacity: index < 2 ? 20 : 1, MaxLeaves: 2, GossipPeriod: TimeSpan.FromMilliseconds(200));
                    service.RegisterFileSharingResults(1, answers);
                    return service;
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, share, answers));
            }
            var first = nodes[0].Node.Address;
            await nodes[0].Node.InvokeAsync(() => nodes[0].Share.JoinNetwork([]));
            foreach (var (node, share, _) in nodes.Skip(1)) await node.InvokeAsync(() => share.JoinNetwork([first]));
            await nodes[3].Node.InvokeAsync(() => nodes[3].Share.Share("song.ogg"));
            await Eventually.Until(async () => (await Task.WhenAll(nodes.Select(n => n.Node.InvokeAsync(() => n.Share.state)))).All(s => s is PeerShare.States.Leaf or PeerShare.States.Super), "every node placed");
            var states = await Task.WhenAll(nodes.Select(n => n.Node.InvokeAsync(() => n.Share.state)));
            Assert.Equal(PeerShare.States.Super, states[0]);
            Assert.Equal(PeerShare.States.Super, states[1]);

            // Search from node 4 until the index and the super-peer mesh have formed.
            var searcher = nodes[4];
            await Eventually.Until(async () =>
            {
                var id = searcher.Answers.NewId();
                await searcher.Node.InvokeAsync(() => searcher.Share.Search(id, "song.ogg", 2, walk: false));
                return await searcher.Answers.HitWithin(id, TimeSpan.FromSeconds(1)) == nodes[3].Node.Address;
            }, "a flood finds song.ogg on node 3");
            var walk = searcher.Answers.NewId();
            await searcher.Node.InvokeAsync(() => searcher.Share.Search(walk, "song.ogg", 8, walk: true));
            Assert.Equal(nodes[3].Node.Address, await searcher.Answers.HitWithin(walk, TimeSpan.FromSeconds(10)));

            await searcher.Node.InvokeAsync(() => searcher.Share.Download("song.ogg", nodes[3].Node.Address));
            var (from, bytes) = await searcher.Answers.Download.Task.WaitAsync(RealDhtNode.Timeout);
            Assert.Equal(nodes[3].Node.Address, from);
            Assert.True(bytes > 0);
        }
        finally
        {
            foreach (var (node, _, _) in nodes) await node.StopAsync();
        }
    }


    private sealed class Answers : IFileSharingResults
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource<NodeAddress>> _hits = new();
        private long _next;

        public TaskCompletionSource<(NodeAddress From, int Bytes)> Download { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long NewId() => Interlocked.Increment(ref _next);

        // The first holder a search named, or None when no hit came within the limit.
        public async Task<NodeAddress> HitWithin(long id, TimeSpan limit)
        {
            var hit = Slot(id).Task;
            return await Task.WhenAny(hit, Task.Delay(limit)) == hit ? hit.Result : NodeAddress.None;
        }

        public void SearchResult(long id, string name, NodeAddress holder, int hops) => Slot(id).TrySetResult(holder);

        public void Downloaded(string name, NodeAddress from, int bytes) => Download.TrySetResult((from, bytes));

        private TaskCompletionSource<NodeAddress> Slot(long id) => _hits.GetOrAdd(id, _ => new TaskCompletionSource<NodeAddress>(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
