using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tests.Transports;

/// <summary>Connect and write timeouts end in Error upcalls instead of hanging.</summary>
public class TimeoutTests
{
    [Fact]
    public async Task ListenerThatNeverAccepts_BacklogFull_ConnectTimesOut()
    {
        // A listener with a full accept queue drops further SYNs, so a connect to it hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var target = NodeAddress.FromEndPoint((IPEndPoint)listener.LocalEndPoint!);
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(target.ToEndPoint());
                }
                catch (SocketException)
                {
                    // in progress, or dropped: either way the queue fills
                }
            }

            using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1, ConnectTimeout = TimeSpan.FromMilliseconds(300) });
            var node = new Node(environment);
            var recorder = await node.InvokeAsync(() => new RecorderService(node, "Alpha", environment.CreateTransport(node, TransportKind.Tcp)));
            await node.StartAsync();
            await node.InvokeAsync(() => recorder.Send(target, "hello"));
            var (peer, error) = await recorder.Errors.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);
            Assert.Equal(target, peer);
            Assert.Equal(TransportError.ConnectTimeout, error);
            Assert.Equal(1, node.Find<TcpSocketTransport>()!.Statistics.SendDropped);
            await node.StopAsync();
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }

    [Fact]
    public async Task PeerThatStopsReading_WriteTimesOut()
    {
        // A raw listener accepts and never reads: once both socket buffers fill, a write stalls.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.ReceiveBufferSize = 4096; // inherited by the accepted socket
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var target = NodeAddress.FromEndPoint((IPEndPoint)listener.LocalEndPoint!);
        var accepting = listener.AcceptAsync();

        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1, WriteTimeout = TimeSpan.FromMilliseconds(300), SendQueueCapacity = 100_000 });
        var node = new Node(environment);
        var recorder = await node.InvokeAsync(() => new RecorderService(node, "Alpha", environment.CreateTransport(node, TransportKind.Tcp)));
        await node.StartAsync();
        var chunk = new string('x', 60_000);
        await node.InvokeAsync(() =>
        {
            for (var i = 0; i < 200; i++) recorder.Send(target, chunk); // 12 MB: far beyond the socket buffers
        });
        using var accepted = await accepting.WaitAsync(PingNode.Timeout);
        var (peer, error) = await recorder.Errors.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);
        Assert.Equal(target, peer);
        Assert.Equal(TransportError.WriteTimeout, error);
        await node.StopAsync();
    }
}
