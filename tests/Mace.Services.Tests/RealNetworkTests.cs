using System.Text;
using Mace.Runtime;

namespace Mace.Services.Tests;

/// <summary>Bamboo + DHT over real sockets on 127.0.0.1: 24 nodes in one process.</summary>
public class RealNetworkTests
{
    private const int NodeCount = 24;
    private const int Records = 20;

    [Theory]
    [InlineData(TransportKind.Tcp)]
    [InlineData(TransportKind.Udp)]
    public async Task BambooDht_PutFromOne_GetFromAll_SurvivesLosingAQuarter(TransportKind kind)
    {
        var nodes = new List<RealDhtNode>();
        try
        {
            for (var i = 0; i < NodeCount; i++) nodes.Add(await RealDhtNode.StartAsync(kind, i + 1));
            await nodes[0].JoinAsync([]);
            foreach (var node in nodes.Skip(1))
            {
                await node.JoinAsync([nodes[0].Address]);
                await Eventually.Until(async () => await node.IsJoinedAsync(), "node joined");
            }
            await Eventually.Until(async () => (await Task.WhenAll(nodes.Select(n => n.LeafCountAsync()))).All(c => c == 16), "full leaf sets");

            var keys = Enumerable.Range(0, Records).Select(i => Key.Hash("real-" + i)).ToArray();
            for (var i = 0; i < Records; i++) await nodes[0].PutAsync(keys[i], Value(i));
            foreach (var node in nodes.Skip(1))
            {
                for (var i = 0; i < Records; i++) Assert.Equal(Value(i), await node.GetAsync(keys[i]));
            }

            var killed = nodes.Where((_, i) => i % 4 == 3).ToList();
            foreach (var node in killed) await node.DisposeAsync();
            var survivors = nodes.Except(killed).ToList();
            Assert.Equal(NodeCount * 3 / 4, survivors.Count);
            // Alone, each transport's run of this test takes about 23 s; CI runs it beside the packaging test's
            // builds, where UDP repair once needed more than 150 s (a deadline, not a wait: it polls).
            await Eventually.Until(async () => await AllFound(survivors, keys), "every record found after the failures", TimeSpan.FromSeconds(300));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private static async Task<bool> AllFound(List<RealDhtNode> nodes, Key[] keys)
    {
        foreach (var node in nodes)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (await node.GetAsync(keys[i]) is not { } value || !value.AsSpan().SequenceEqual(Value(i))) return false;
            }
        }
        return true;
    }

    // Polls a real-time condition (real sockets: no virtual clock), failing after the deadline.

    private static byte[] Value(int i) => Encoding.UTF8.GetBytes("real-value-" + i);
}
