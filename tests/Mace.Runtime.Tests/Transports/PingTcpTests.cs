using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Hosting;

namespace Mace.Runtime.Tests.Transports;

/// <summary>DESIGN.md's Ping over real TCP in one process: replies, then failure reports through the Error upcall.</summary>
public class PingTcpTests
{
    [Fact]
    public async Task TwoNodes_PingEachOther_BothSeeReplies()
    {
        await using var a = await PingNode.StartAsync();
        await using var b = await PingNode.StartAsync(new RealNodeOptions { Seed = 2 });
        Assert.Equal(NodeAddressKind.IPv4, a.Address.Kind);
        Assert.NotEqual(0, a.Address.Port);
        Assert.Equal("127.0.0.1", a.Address.ToEndPoint().Address.ToString());

        await a.MonitorAsync(b.Address);
        await b.MonitorAsync(a.Address);
        await a.RespondedFrom(b.Address);
        await b.RespondedFrom(a.Address);

        // Each received the other's ping and pong (send counters trail the write, so check receivers).
        Assert.True(a.Tcp.Statistics.MessagesReceived >= 2);
        Assert.True(b.Tcp.Statistics.MessagesReceived >= 2);
        Assert.Equal(0, a.Tcp.Statistics.MalformedDropped);
    }

    [Fact]
    public async Task PeerStopped_ErrorUpcall_ReportsPeerFailed()
    {
        await using var a = await PingNode.StartAsync();
        await using var b = await PingNode.StartAsync(new RealNodeOptions { Seed = 2 });
        await a.MonitorAsync(b.Address);
        await a.RespondedFrom(b.Address);

        await b.StopAsync();

        // Ping's FailAfter is 5 s; the closed connection must report it well before the sweep would.
        await a.FailedFrom(b.Address);
        Assert.False(await a.Node.InvokeAsync(() => a.Ping.LastHeard.ContainsKey(b.Address)));
    }

    [Fact]
    public async Task NobodyListening_ConnectFails_ReportsPeerFailed()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var deadAddress = NodeAddress.FromEndPoint((IPEndPoint)probe.LocalEndPoint!); // bound, not listening: refused

        await using var a = await PingNode.StartAsync();
        await a.MonitorAsync(deadAddress);
        await a.FailedFrom(deadAddress);
        Assert.Equal(0, a.Tcp.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task SendToSelf_IsDeliveredWithoutASocket()
    {
        await using var a = await PingNode.StartAsync();
        await a.MonitorAsync(a.Address);
        await a.RespondedFrom(a.Address);
        Assert.Equal(0, a.Tcp.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task PeerRestartsOnSamePort_ConnectionIsReopened()
    {
        await using var a = await PingNode.StartAsync();
        var b = await PingNode.StartAsync(new RealNodeOptions { Seed = 2 });
        var port = b.Address.Port;
        await a.MonitorAsync(b.Address);
        await a.RespondedFrom(b.Address);
        await b.DisposeAsync();
        await a.FailedFrom(b.Address);

        await using var again = await PingNode.StartAsync(new RealNodeOptions { Seed = 3, Port = port });
        Assert.Equal(b.Address, again.Address);
        await again.MonitorAsync(a.Address);
        await again.RespondedFrom(a.Address);
    }
}
