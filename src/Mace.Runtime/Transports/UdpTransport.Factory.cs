namespace Mace.Runtime;

/// <summary><c>UdpTransport()</c> in a <c>services</c> block: the environment's best-effort transport.</summary>
public static partial class UdpTransport
{
    /// <summary>The environment's UDP-like transport for <paramref name="node"/>.</summary>
    public static ITransport Create(Node node) => node.Environment.CreateTransport(node, TransportKind.Udp);
}
