using Mace.Runtime.Hosting;

namespace Mace.Runtime.Tests.Transports;

/// <summary>Fifty real nodes in one process, every one pinging every other: every reply arrives.</summary>
public class AllToAllTests
{
    [Fact]
    public async Task FiftyNodes_PingAllToAll_EveryReplySeen()
    {
        const int count = 50;
        var nodes = new PingNode[count];
        try
        {
            for (var i = 0; i < count; i++) nodes[i] = await PingNode.StartAsync(new RealNodeOptions { Seed = i + 1 });
            var addresses = nodes.Select(n => n.Address).ToArray();
            Assert.Equal(count, addresses.Distinct().Count());

            await Task.WhenAll(nodes.Select(n => n.Node.InvokeAsync(() =>
            {
                foreach (var peer in addresses)
                {
                    if (peer != n.Address) n.Ping.Monitor(peer);
                }
            })));

            var replies = nodes.SelectMany(n => addresses.Where(p => p != n.Address).Select(n.RespondedFrom)).ToArray();
            Assert.Equal(count * (count - 1), replies.Length);
            await Task.WhenAll(replies).ContinueWith(_ => { }, TaskScheduler.Default);
            var missing = replies.Count(r => !r.IsCompletedSuccessfully);
            Assert.True(missing == 0, $"{missing} replies missing ({nodes.Sum(n => addresses.Count(n.HasFailed))} peers reported failed):\n" +
                string.Join('\n', nodes.Select(n => $"{n.Address}: {n.Tcp.Statistics}")));
            Assert.All(nodes, n => Assert.Equal(0, n.Tcp.Statistics.MalformedDropped));
            Assert.All(nodes, n => Assert.Equal(0, n.Tcp.Statistics.QueueFullDropped));
        }
        finally
        {
            await Task.WhenAll(nodes.Where(n => n is not null).Select(n => n.StopAsync()));
            foreach (var node in nodes) node?.Environment.Dispose();
        }
    }
}
