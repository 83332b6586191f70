using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Mace.Runtime.Transports.Security;

/// <summary>
/// Mutual TLS 1.3 over a connected socket: both sides present their node certificate, both check
/// the other's against <see cref="TransportSecurity.IsTrusted"/> (host names are not checked: the
/// identity that matters is the node addresses the certificate names), and the caller gets the
/// stream and the peer's addresses.
/// </summary>
internal static class TlsHandshake
{
    /// <summary>Authenticates as the accepting side; throws <see cref="AuthenticationException"/> or an I/O error on failure.</summary>
    public static async Task<(SslStream Stream, IReadOnlySet<NodeAddress> Peer)> AcceptAsync(Socket socket, TransportSecurity security, CancellationToken token)
    {
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = security.CertificateContext,
                ClientCertificateRequired = true,
                EnabledSslProtocols = SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusted(security, certificate),
            }, token).ConfigureAwait(false);
            return (stream, PeerAddresses(stream));
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Authenticates as the connecting side; throws <see cref="AuthenticationException"/> or an I/O error on failure.</summary>
    public static async Task<(SslStream Stream, IReadOnlySet<NodeAddress> Peer)> ConnectAsync(Socket socket, NodeAddress peer, TransportSecurity security, CancellationToken token)
    {
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = peer.ToEndPoint().Address.ToString(),
                ClientCertificateContext = security.CertificateContext,
                EnabledSslProtocols = SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusted(security, certificate),
            }, token).ConfigureAwait(false);
            return (stream, PeerAddresses(stream));
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static bool Trusted(TransportSecurity security, X509Certificate? certificate) =>
        certificate is X509Certificate2 presented && security.IsTrusted(presented);

    private static IReadOnlySet<NodeAddress> PeerAddresses(SslStream stream) =>
        stream.RemoteCertificate is X509Certificate2 certificate ? PeerIdentity.AddressesOf(certificate) : new HashSet<NodeAddress>();
}
