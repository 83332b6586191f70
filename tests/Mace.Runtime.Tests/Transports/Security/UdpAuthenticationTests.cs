using System.Net.Sockets;
using Mace.Runtime.Transports;
using Mace.Runtime.Transports.Security;

namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>Secured UDP: members' datagrams arrive; unsigned, tampered, wrongly keyed, misattributed and replayed ones are dropped and counted.</summary>
public class UdpAuthenticationTests
{
    [Fact]
    public async Task SecuredUdpNodes_ExchangeDatagrams()
    {
        var cluster = new TestCluster();
        var (a, b) = (TestCluster.FreeAddress(), TestCluster.FreeAddress());
        await using var one = await RecorderNode.StartAsync(cluster.OptionsFor(a, 1), TransportKind.Udp);
        await using var two = await RecorderNode.StartAsync(cluster.OptionsFor(b, 2), TransportKind.Udp);
        Assert.True(await one.SendAsync(b, "ping"));
        Assert.Equal((a, "ping"), await two.NextAsync());
        Assert.True(await two.SendAsync(a, "pong"));
        Assert.Equal((b, "pong"), await one.NextAsync());
    }

    [Fact]
    public async Task ForgedTamperedMisattributedAndReplayedDatagrams_AreDropped()
    {
        var cluster = new TestCluster();
        var victimAddress = TestCluster.FreeAddress();
        await using var victim = await RecorderNode.StartAsync(cluster.OptionsFor(victimAddress, 1), TransportKind.Udp);
        var stats = victim.Statistics;
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var rawAddress = TestCluster.FreeAddress();
        raw.Bind(rawAddress.ToEndPoint());
        var target = victimAddress.ToEndPoint();
        var keyed = new DatagramAuthenticator(cluster.Key, firstSequence: 1000, maxSenders: 16);

        await raw.SendToAsync(TlsTransportTests.FrameTo(victimAddress, rawAddress, "unsigned"), target);
        await raw.SendToAsync(Sealed(new DatagramAuthenticator(new TestCluster().Key, 1, 16), victimAddress, rawAddress, "other key"), target);
        var tampered = Sealed(keyed, victimAddress, rawAddress, "tampered");
        tampered[^40] ^= 1;
        await raw.SendToAsync(tampered, target);
        await Eventually.TrueAsync(() => stats.UnauthenticatedDropped == 3, stats.ToString);

        var someoneElse = TestCluster.FreeAddress();
        await raw.SendToAsync(Sealed(keyed, victimAddress, someoneElse, "misattributed"), target);
        await Eventually.TrueAsync(() => stats.ImpersonationDropped == 1, stats.ToString);

        var once = Sealed(keyed, victimAddress, rawAddress, "once");
        await raw.SendToAsync(once, target);
        Assert.Equal((rawAddress, "once"), await victim.NextAsync());
        await raw.SendToAsync(once, target);
        await Eventually.TrueAsync(() => stats.ReplayDropped == 1, stats.ToString);

        // A later number still arrives; an old one inside the window that was never used too, once.
        await raw.SendToAsync(Sealed(keyed, victimAddress, rawAddress, "later"), target);
        Assert.Equal((rawAddress, "later"), await victim.NextAsync());
        Assert.False(victim.Recorder.Received.Reader.TryRead(out var extra), $"also delivered: {extra}");
        Assert.Equal(0, stats.MalformedDropped);
    }

    private static byte[] Sealed(DatagramAuthenticator authenticator, NodeAddress victim, NodeAddress claimedSource, string text)
    {
        var frame = TlsTransportTests.FrameTo(victim, claimedSource, text);
        var datagram = new byte[frame.Length + DatagramAuthenticator.Overhead];
        frame.CopyTo(datagram, 0);
        Assert.Equal(datagram.Length, authenticator.Seal(datagram, frame.Length));
        return datagram;
    }
}
