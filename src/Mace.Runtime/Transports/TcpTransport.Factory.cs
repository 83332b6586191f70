namespace Mace.Runtime;

/// <summary>
/// <c>TcpTransport()</c> in a <c>services</c> block: asks the node's environment for its reliable
/// transport (real sockets, or the simulator's and checker's models).
/// </summary>
public static partial class TcpTransport
{
    /// <summary>The environment's TCP-like transport for <paramref name="node"/>.</summary>
    public static ITransport Create(Node node) => node.Environment.CreateTransport(node, TransportKind.Tcp);
}
