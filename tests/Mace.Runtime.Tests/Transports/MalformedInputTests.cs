using System.Buffers.Binary;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tests.Transports;

/// <summary>
/// Hostile bytes on a node's port (garbage, truncated frames, oversized length prefixes, payloads the
/// service rejects) close only that connection and are counted; the node keeps serving its other peers.
/// </summary>
public class MalformedInputTests
{
    private static readonly int s_pingId = RegistrationId.For("Ping", "Net");

    [Fact]
    public async Task RandomGarbage_ClosesThatConnection_NodeKeepsServing()
    {
        await using var victim = await PingNode.StartAsync();
        await using var healthy = await HealthyPeerAsync(victim);
        var random = new Random(42);
        for (var i = 0; i < 5; i++)
        {
            var garbage = new byte[random.Next(8, 300)];
            random.NextBytes(garbage);
            using var raw = await RawPeer.ConnectAsync(victim.Address);
            await raw.SendAsync(garbage);
            Assert.True(await raw.ClosedByNodeAsync());
        }
        await AssertStillServesAsync(victim, healthy, minimumMalformed: 5);
    }

    [Fact]
    public async Task OversizedLengthPrefix_ClosesBeforeReadingTheBody()
    {
        await using var victim = await PingNode.StartAsync(new RealNodeOptions { Seed = 1, MaxFrameSize = 1024 });
        await using var healthy = await HealthyPeerAsync(victim);
        using var raw = await RawPeer.ConnectAsync(victim.Address);
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 1025);
        await raw.SendAsync(prefix);
        Assert.True(await raw.ClosedByNodeAsync());
        await AssertStillServesAsync(victim, healthy, minimumMalformed: 1);
    }

    [Fact]
    public async Task TruncatedFrame_ThenClose_IsCountedAndDropped()
    {
        await using var victim = await PingNode.StartAsync();
        await using var healthy = await HealthyPeerAsync(victim);
        var frame = FrameCodec.Encode(new FrameHeader(NodeAddress.Parse("127.0.0.1:9"), victim.Address, s_pingId, PathContext.None),
            Payload.FromMessage(new Mace.Services.Ping.PingMsg(1)));
        using (var raw = await RawPeer.ConnectAsync(victim.Address))
        {
            await raw.SendAsync(frame[..(frame.Length - 3)]);
            raw.ShutdownSend();
            Assert.True(await raw.ClosedByNodeAsync());
        }
        await AssertStillServesAsync(victim, healthy, minimumMalformed: 1);
    }

    [Fact]
    public async Task PayloadTheServiceRejects_DroppedCounted_ConnectionClosed()
    {
        await using var victim = await PingNode.StartAsync();
        await using var healthy = await HealthyPeerAsync(victim);
        var unknownTag = new Payload(new byte[] { 0x63 });
        var frame = FrameCodec.Encode(new FrameHeader(NodeAddress.Parse("127.0.0.1:9"), victim.Address, s_pingId, PathContext.None), unknownTag);
        using (var raw = await RawPeer.ConnectAsync(victim.Address))
        {
            await raw.SendAsync(frame);
            Assert.True(await raw.ClosedByNodeAsync());
        }
        Assert.Equal(0, victim.Environment.FailedEvents); // caught at the transport boundary, not an event failure
        await AssertStillServesAsync(victim, healthy, minimumMalformed: 1);
    }

    [Fact]
    public async Task BadHeaderField_ClosesThatConnection()
    {
        await using var victim = await PingNode.StartAsync();
        await using var healthy = await HealthyPeerAsync(victim);
        var frame = FrameCodec.Encode(new FrameHeader(NodeAddress.Parse("127.0.0.1:9"), victim.Address, s_pingId, PathContext.None),
            Payload.FromMessage(new Mace.Services.Ping.PingMsg(1)));
        frame[4] = 9; // version 9
        using (var raw = await RawPeer.ConnectAsync(victim.Address))
        {
            await raw.SendAsync(frame);
            Assert.True(await raw.ClosedByNodeAsync());
        }
        await AssertStillServesAsync(victim, healthy, minimumMalformed: 1);
    }

    private static async Task<PingNode> HealthyPeerAsync(PingNode victim)
    {
        var healthy = await PingNode.StartAsync(new RealNodeOptions { Seed = 9 });
        await healthy.MonitorAsync(victim.Address);
        await healthy.RespondedFrom(victim.Address);
        return healthy;
    }

    // The peer connected before the abuse gets fresh replies, a new peer is served too, and the counter rose.
    private static async Task AssertStillServesAsync(PingNode victim, PingNode healthy, int minimumMalformed)
    {
        await healthy.NextReplyFrom(victim.Address);
        await using var newcomer = await PingNode.StartAsync(new RealNodeOptions { Seed = 10 });
        await newcomer.MonitorAsync(victim.Address);
        await newcomer.RespondedFrom(victim.Address);
        Assert.True(victim.Tcp.Statistics.MalformedDropped >= minimumMalformed, victim.Tcp.Statistics.ToString());
        Assert.Equal(0, victim.Environment.FailedEvents);
        Assert.False(healthy.HasFailed(victim.Address));
    }
}
