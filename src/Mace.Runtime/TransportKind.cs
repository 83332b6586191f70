namespace Mace.Runtime;

/// <summary>The transports an environment can provide: reliable ordered streams, or best-effort datagrams.</summary>
public enum TransportKind
{
    /// <summary>Reliable, FIFO per peer (<c>TcpTransport</c>).</summary>
    Tcp,

    /// <summary>Best effort, unordered (<c>UdpTransport</c>).</summary>
    Udp,
}
