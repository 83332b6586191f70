using System.Globalization;
using System.Net.Sockets;
using Mace.Runtime.Tests.Cli;
using Mace.Runtime.Tests.Transports.Security;
using Xunit.Abstractions;

namespace Mace.Runtime.Tests.Transports.Bounds;

/// <summary>
/// 2,000 concurrent idle connections against a `mace run Ping` process capped at 500: its file
/// descriptors stay within the cap, a new peer is still served during the flood (it evicts an
/// unidentified connection), and the handshake timeout returns fds to the baseline afterwards.
/// </summary>
public class IdleConnectionFloodTests(ITestOutputHelper output)
{
    private const int Connections = 2000;
    private const int Cap = 500;

    [Fact]
    public async Task TwoThousandIdleConnections_BoundedFds_StillServes_ReleasedAfterTimeout()
    {
        var address = TestCluster.FreeAddress();
        using var node = MaceProcess.Start("run", "Ping", "--port", address.Port.ToString(CultureInfo.InvariantCulture), "--seed", "1",
            "--max-connections", Cap.ToString(CultureInfo.InvariantCulture), "--handshake-timeout", "3", "--log-level", "Error");
        Assert.Equal(address, await node.ListeningAddressAsync());
        var before = ProcessGauge.Of(node.Id);

        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < Connections; i += 100)
            {
                var batch = Enumerable.Range(0, 100).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToList();
                idle.AddRange(batch);
                await Task.WhenAll(batch.Select(s => s.ConnectAsync(address.ToEndPoint()))).WaitAsync(PingNode.Timeout);
            }
            await Eventually.TrueAsync(() => ProcessGauge.Of(node.Id).FileDescriptors >= before.FileDescriptors + Cap - 10, () => ProcessGauge.Of(node.Id).ToString());
            var during = ProcessGauge.Of(node.Id);

            await using var peer = await PingNode.StartAsync();
            await peer.MonitorAsync(address);
            await peer.RespondedFrom(address);
            var serving = ProcessGauge.Of(node.Id);

            Assert.True(during.FileDescriptors <= before.FileDescriptors + Cap + 10, $"before {before}, during {during}");
            Assert.True(serving.FileDescriptors <= before.FileDescriptors + Cap + 10, $"before {before}, serving {serving}");

            await peer.StopAsync();
            await Eventually.TrueAsync(() => ProcessGauge.Of(node.Id).FileDescriptors <= before.FileDescriptors + 5, () => ProcessGauge.Of(node.Id).ToString());
            var after = ProcessGauge.Of(node.Id);
            output.WriteLine($"idle-connection flood: {Connections} connections, cap {Cap}: before {before}; during {during}; while serving a new peer {serving}; after {after}");
            Assert.True(after.RssKiB < before.RssKiB + 64 * 1024, $"before {before}, after {after}");
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
    }
}
