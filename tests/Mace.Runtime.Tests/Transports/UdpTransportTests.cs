using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tests.Transports;

/// <summary>The UDP transport: same framing per datagram, same port number as TCP, malformed datagrams dropped.</summary>
public class UdpTransportTests
{
    [Fact]
    public async Task TcpThenUdp_ShareThePortNumber()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var (tcp, udp) = await node.InvokeAsync(() => (
            (TcpSocketTransport)environment.CreateTransport(node, TransportKind.Tcp),
            (UdpSocketTransport)environment.CreateTransport(node, TransportKind.Udp)));
        Assert.Equal(node.Address, tcp.ListenAddress);
        Assert.Equal(tcp.ListenAddress, udp.ListenAddress);
        await node.StopAsync();
    }

    [Fact]
    public async Task GarbageDatagrams_AreDropped_AndValidOnesStillDelivered()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var recorder = await node.InvokeAsync(() => new RecorderService(node, "Alpha", environment.CreateTransport(node, TransportKind.Udp)));
        await node.StartAsync();
        try
        {
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            raw.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var target = node.Address.ToEndPoint();
            await raw.SendToAsync(new byte[] { 1, 2, 3 }, target);
            var good = FrameCodec.Encode(new FrameHeader(NodeAddress.FromEndPoint((IPEndPoint)raw.LocalEndPoint!), node.Address, recorder.Proxy.RegistrationId, PathContext.None),
                new Payload("hello"u8.ToArray()));
            var lying = good.ToArray();
            lying[0]++; // length prefix disagrees with the datagram
            await raw.SendToAsync(lying, target);
            await raw.SendToAsync(good, target);
            var (_, text) = await recorder.Received.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);
            Assert.Equal("hello", text);
            Assert.Equal(2, node.Find<UdpSocketTransport>()!.Statistics.MalformedDropped);
        }
        finally
        {
            await node.StopAsync();
        }
    }
}

/// <summary>The frame's trace context carries the sending event over both real transports: the receiver's <see cref="Node.Cause"/> names it.</summary>
public class CausalLinkTransportTests
{
    [Theory]
    [InlineData(TransportKind.Tcp)]
    [InlineData(TransportKind.Udp)]
    public async Task Delivery_NamesTheSendersEvent(TransportKind kind)
    {
        using var senderEnvironment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        using var receiverEnvironment = new RealNodeEnvironment(new RealNodeOptions { Seed = 2 });
        var sender = new Node(senderEnvironment);
        var receiver = new Node(receiverEnvironment);
        var from = await sender.InvokeAsync(() => new RecorderService(sender, "Alpha", senderEnvironment.CreateTransport(sender, kind)));
        var to = await receiver.InvokeAsync(() => new RecorderService(receiver, "Alpha", receiverEnvironment.CreateTransport(receiver, kind)));
        await sender.StartAsync();
        await receiver.StartAsync();
        try
        {
            var events = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                events.Add(await sender.InvokeAsync(() =>
                {
                    Assert.True(from.Send(receiver.Address, $"m{i}"));
                    return sender.EventId;
                }));
                var (source, text) = await to.Received.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);
                Assert.Equal((sender.Address, $"m{i}"), (source, text));
            }
            Assert.Equal(3, events.Distinct().Count());
            Assert.Equal(events.Select(e => new CausalLink(sender.Address, e)), to.Causes);
        }
        finally
        {
            await sender.StopAsync();
            await receiver.StopAsync();
        }
    }
}
