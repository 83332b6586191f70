using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports.Security;

namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>A dev cluster CA and key made in memory, and credentials for nodes on fixed loopback ports.</summary>
internal sealed class TestCluster
{
    public X509Certificate2 Authority { get; } = DevCertificates.CreateAuthority("test cluster CA", TimeSpan.FromDays(1));

    public byte[] Key { get; } = DevCertificates.CreateClusterKey();

    /// <summary>A loopback address whose TCP and UDP ports were both free a moment ago.</summary>
    public static NodeAddress FreeAddress()
    {
        while (true)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var endPoint = (IPEndPoint)tcp.LocalEndPoint!;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(endPoint);
            }
            catch (SocketException)
            {
                continue;
            }
            return NodeAddress.FromEndPoint(endPoint);
        }
    }

    public X509Certificate2 CertificateFor(NodeAddress address) => DevCertificates.CreateNode(Authority, [address], TimeSpan.FromDays(1));

    public TransportSecurity CredentialsFor(NodeAddress address) => new(CertificateFor(address), Authority, null, Key);

    public RealNodeOptions OptionsFor(NodeAddress address, int seed) => new() { Port = address.Port, Seed = seed, Security = CredentialsFor(address) };
}
