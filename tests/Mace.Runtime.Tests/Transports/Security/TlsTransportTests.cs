using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;
using Mace.Runtime.Transports.Security;

namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>
/// Mutual TLS 1.3 on the TCP transport: members exchange messages; nothing from a process without
/// the cluster's credentials reaches a service; a member cannot send as another member.
/// </summary>
public class TlsTransportTests
{
    [Fact]
    public async Task SecuredNodes_ExchangeMessagesBothWays()
    {
        var cluster = new TestCluster();
        var (a, b) = (TestCluster.FreeAddress(), TestCluster.FreeAddress());
        await using var one = await RecorderNode.StartAsync(cluster.OptionsFor(a, 1));
        await using var two = await RecorderNode.StartAsync(cluster.OptionsFor(b, 2));

        Assert.True(await one.SendAsync(b, "hello"));
        Assert.Equal((a, "hello"), await two.NextAsync());
        Assert.True(await two.SendAsync(a, "back"));
        Assert.Equal((b, "back"), await one.NextAsync());
        Assert.Equal(0, one.Statistics.HandshakesFailed + two.Statistics.HandshakesFailed);
    }

    [Fact]
    public async Task ProcessesWithoutTheClustersCredentials_GetNoMessageDelivered()
    {
        var cluster = new TestCluster();
        var victimAddress = TestCluster.FreeAddress();
        await using var victim = await RecorderNode.StartAsync(cluster.OptionsFor(victimAddress, 1));
        var memberAddress = TestCluster.FreeAddress();

        // 1. a plain (unsecured) node
        await using (var plain = await RecorderNode.StartAsync(new RealNodeOptions { Seed = 2 }))
        {
            Assert.True(await plain.SendAsync(victimAddress, "from a plain node"));
            await Eventually.TrueAsync(() => victim.Statistics.HandshakesFailed >= 1, () => victim.Statistics.ToString());
        }

        // 2. a node of another cluster (its own CA, a certificate naming its own address)
        var foreignAddress = TestCluster.FreeAddress();
        await using (var foreign = await RecorderNode.StartAsync(new TestCluster().OptionsFor(foreignAddress, 3)))
        {
            Assert.True(await foreign.SendAsync(victimAddress, "from another cluster"));
            var (peer, error) = await foreign.Recorder.Errors.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);
            Assert.Equal((victimAddress, TransportError.AuthenticationFailed), (peer, error));
            await Eventually.TrueAsync(() => victim.Statistics.HandshakesFailed >= 2, () => victim.Statistics.ToString());
        }

        // 3. a TLS client that presents no certificate, then writes a frame claiming a member's address
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(victimAddress.ToEndPoint()).WaitAsync(PingNode.Timeout);
            await using var tls = new SslStream(new NetworkStream(socket), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null, // the attacker trusts whatever the node shows
            }).WaitAsync(PingNode.Timeout);
            await WriteIgnoringResetAsync(tls, FrameTo(victimAddress, memberAddress, "without a certificate"));
            await Eventually.TrueAsync(() => victim.Statistics.HandshakesFailed >= 3, () => victim.Statistics.ToString());
        }

        // 4. plaintext frames on a raw socket
        using (var raw = await RawPeer.ConnectAsync(victimAddress))
        {
            await raw.SendAsync(FrameTo(victimAddress, memberAddress, "raw plaintext"));
            Assert.True(await raw.ClosedByNodeAsync());
            await Eventually.TrueAsync(() => victim.Statistics.HandshakesFailed >= 4, () => victim.Statistics.ToString());
        }

        // A member is heard, and it is the first and only message delivered.
        await using var member = await RecorderNode.StartAsync(cluster.OptionsFor(memberAddress, 4));
        Assert.True(await member.SendAsync(victimAddress, "from a member"));
        Assert.Equal((memberAddress, "from a member"), await victim.NextAsync());
        Assert.False(victim.Recorder.Received.Reader.TryRead(out var extra), $"also delivered: {extra}");
        Assert.Equal(0, victim.Statistics.UnroutableDropped);
        Assert.Equal(0, victim.Environment.FailedEvents);
    }

    [Fact]
    public async Task AuthenticatedMember_ClaimingAnotherMembersAddress_IsDroppedAndCounted()
    {
        var cluster = new TestCluster();
        var (victimAddress, honestAddress, malloryAddress) = (TestCluster.FreeAddress(), TestCluster.FreeAddress(), TestCluster.FreeAddress());
        await using var victim = await RecorderNode.StartAsync(cluster.OptionsFor(victimAddress, 1));
        var mallory = cluster.CredentialsFor(malloryAddress);

        // Mallory's first frame on a fresh connection claims the honest member's address.
        await using (var lying = await ConnectAsMemberAsync(victimAddress, mallory))
        {
            await WriteIgnoringResetAsync(lying, FrameTo(victimAddress, honestAddress, "I am honest"));
            await Eventually.TrueAsync(() => victim.Statistics.ImpersonationDropped == 1, () => victim.Statistics.ToString());
        }

        // Under its own name Mallory is heard, and that is the only message delivered.
        await using (var truthful = await ConnectAsMemberAsync(victimAddress, mallory))
        {
            await truthful.WriteAsync(FrameTo(victimAddress, malloryAddress, "I am mallory"));
            Assert.Equal((malloryAddress, "I am mallory"), await victim.NextAsync());
        }
        Assert.False(victim.Recorder.Received.Reader.TryRead(out var extra), $"also delivered: {extra}");
        Assert.Equal(1, victim.Statistics.ImpersonationDropped);
    }

    [Fact]
    public async Task ListenerWhoseCertificateNamesAnotherAddress_FailsAuthenticationWhenDialled()
    {
        var cluster = new TestCluster();
        var (dialler, impostor, claimed) = (TestCluster.FreeAddress(), TestCluster.FreeAddress(), TestCluster.FreeAddress());
        await using var node = await RecorderNode.StartAsync(cluster.OptionsFor(dialler, 1));

        // A member's certificate for 'claimed', served on the impostor's port.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(impostor.ToEndPoint());
        listener.Listen();
        var serve = ServeOnceAsync(listener, cluster.CredentialsFor(claimed));

        Assert.True(await node.SendAsync(impostor, "secret"));
        var (peer, error) = await node.Recorder.Errors.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);
        Assert.Equal((impostor, TransportError.AuthenticationFailed), (peer, error));
        Assert.Equal(1, node.Statistics.HandshakesFailed);
        await serve;
    }

    [Fact]
    public async Task CertificateNotNamingTheListenAddress_RefusesToStart()
    {
        var cluster = new TestCluster();
        var (named, other) = (TestCluster.FreeAddress(), TestCluster.FreeAddress());
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Port = other.Port, Seed = 1, Security = cluster.CredentialsFor(named) });
        var node = new Node(environment);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => node.InvokeAsync(() => environment.CreateTransport(node, TransportKind.Tcp)));
        Assert.Contains($"names {named} but the node listens on {other}", error.Message, StringComparison.Ordinal);
    }

    internal static byte[] FrameTo(NodeAddress victim, NodeAddress claimedSource, string text) =>
        FrameCodec.Encode(new FrameHeader(claimedSource, victim, RegistrationId.For("Alpha", "Net"), PathContext.None),
            new Payload(System.Text.Encoding.UTF8.GetBytes(text)));

    private static async Task<SslStream> ConnectAsMemberAsync(NodeAddress victim, TransportSecurity credentials)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(victim.ToEndPoint()).WaitAsync(PingNode.Timeout);
        var (stream, names) = await TlsHandshake.ConnectAsync(socket, victim, credentials, CancellationToken.None).WaitAsync(PingNode.Timeout);
        Assert.Contains(victim, names);
        return stream;
    }

    // The node may already have closed the connection: the write failing is not the point.
    private static async Task WriteIgnoringResetAsync(Stream stream, byte[] bytes)
    {
        try
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }
        catch (IOException)
        {
        }
    }

    private static async Task ServeOnceAsync(Socket listener, TransportSecurity credentials)
    {
        using var accepted = await listener.AcceptAsync().WaitAsync(PingNode.Timeout);
        try
        {
            var (stream, _) = await TlsHandshake.AcceptAsync(accepted, credentials, CancellationToken.None).WaitAsync(PingNode.Timeout);
            await stream.DisposeAsync();
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            // the dialler rejected the certificate mid-handshake: expected
        }
    }
}
