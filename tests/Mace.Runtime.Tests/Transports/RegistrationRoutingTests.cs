using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tests.Transports;

/// <summary>Registration ids route a frame to the right upper service whatever the construction order.</summary>
public class RegistrationRoutingTests
{
    private static readonly TimeSpan s_timeout = PingNode.Timeout;

    private sealed record Stack(RealNodeEnvironment Environment, Node Node, RecorderService Alpha, RecorderService Beta) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Node.StopAsync().WaitAsync(s_timeout);
            Environment.Dispose();
        }
    }

    private static async Task<Stack> BuildAsync(bool alphaFirst, int seed, TransportKind kind = TransportKind.Tcp)
    {
        var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = seed });
        var node = new Node(environment);
        var (alpha, beta) = await node.InvokeAsync(() =>
        {
            var net = environment.CreateTransport(node, kind);
            if (alphaFirst)
            {
                var a = new RecorderService(node, "Alpha", net);
                return (a, new RecorderService(node, "Beta", net));
            }
            var b = new RecorderService(node, "Beta", net);
            return (new RecorderService(node, "Alpha", net), b);
        });
        await node.StartAsync().WaitAsync(s_timeout);
        return new Stack(environment, node, alpha, beta);
    }

    [Theory]
    [InlineData(TransportKind.Tcp)]
    [InlineData(TransportKind.Udp)]
    public async Task OppositeConstructionOrder_EachServiceHearsOnlyItsPeer(TransportKind kind)
    {
        await using var one = await BuildAsync(alphaFirst: true, seed: 1, kind);
        await using var two = await BuildAsync(alphaFirst: false, seed: 2, kind);

        await one.Node.InvokeAsync(() =>
        {
            Assert.True(one.Alpha.Send(two.Node.Address, "to alpha"));
            Assert.True(one.Beta.Send(two.Node.Address, "to beta"));
        });

        var alpha = await two.Alpha.Received.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
        var beta = await two.Beta.Received.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
        Assert.Equal((one.Node.Address, "to alpha"), alpha);
        Assert.Equal((one.Node.Address, "to beta"), beta);
        Assert.False(two.Alpha.Received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task TwoUpperServices_ShareOneTransport_BothReceiveReplies()
    {
        await using var one = await BuildAsync(alphaFirst: true, seed: 1);
        await using var two = await BuildAsync(alphaFirst: true, seed: 2);
        await two.Node.InvokeAsync(() =>
        {
            two.Alpha.Send(one.Node.Address, "a1");
            two.Beta.Send(one.Node.Address, "b1");
        });
        var (from, text) = await one.Alpha.Received.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
        Assert.Equal("a1", text);
        await one.Node.InvokeAsync(() => one.Alpha.Send(from, "a2"));
        Assert.Equal("b1", (await one.Beta.Received.Reader.ReadAsync().AsTask().WaitAsync(s_timeout)).Text);
        Assert.Equal("a2", (await two.Alpha.Received.Reader.ReadAsync().AsTask().WaitAsync(s_timeout)).Text);
    }

    [Fact]
    public async Task FramesToOnePeer_ArriveInOrder()
    {
        await using var one = await BuildAsync(alphaFirst: true, seed: 1);
        await using var two = await BuildAsync(alphaFirst: true, seed: 2);
        await one.Node.InvokeAsync(() =>
        {
            for (var i = 0; i < 500; i++) one.Alpha.Send(two.Node.Address, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        for (var i = 0; i < 500; i++)
        {
            var (_, text) = await two.Alpha.Received.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        }
    }

    [Fact]
    public async Task QueueBound_Exceeded_DropsAndRaisesQueueFull()
    {
        var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1, SendQueueCapacity = 2 });
        var node = new Node(environment);
        var alpha = await node.InvokeAsync(() => new RecorderService(node, "Alpha", environment.CreateTransport(node, TransportKind.Tcp)));
        await node.StartAsync();
        await using var two = await BuildAsync(alphaFirst: true, seed: 2);
        try
        {
            // One event queues far more than the bound before the connection can drain anything.
            var refused = await node.InvokeAsync(() => Enumerable.Range(0, 1000).Count(i => !alpha.Send(two.Node.Address, "x")));
            Assert.True(refused > 0);
            var (peer, error) = await alpha.Errors.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
            Assert.Equal(two.Node.Address, peer);
            Assert.Equal(TransportError.QueueFull, error);
            Assert.Equal(refused, node.Find<TcpSocketTransport>()!.Statistics.QueueFullDropped);
        }
        finally
        {
            await node.StopAsync();
            environment.Dispose();
        }
    }

    [Fact]
    public async Task FrameAboveMaxSize_IsRefusedAtTheSender()
    {
        var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1, MaxFrameSize = 100 });
        var node = new Node(environment);
        var alpha = await node.InvokeAsync(() => new RecorderService(node, "Alpha", environment.CreateTransport(node, TransportKind.Tcp)));
        await node.StartAsync();
        try
        {
            Assert.False(await node.InvokeAsync(() => alpha.Send(NodeAddress.Parse("127.0.0.1:9"), new string('x', 200))));
            Assert.Equal(1, node.Find<TcpSocketTransport>()!.Statistics.SendDropped);
        }
        finally
        {
            await node.StopAsync();
            environment.Dispose();
        }
    }
}
