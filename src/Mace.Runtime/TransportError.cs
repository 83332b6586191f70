namespace Mace.Runtime;

/// <summary>Why a transport gave up on a peer; carried by the <c>Error</c> upcall.</summary>
public enum TransportError
{
    /// <summary>The connection could not be opened (refused, unreachable).</summary>
    ConnectFailed,

    /// <summary>The connection could not be opened in time.</summary>
    ConnectTimeout,

    /// <summary>Reading from the peer failed or the peer closed the connection.</summary>
    ReadFailed,

    /// <summary>Writing to the peer failed.</summary>
    WriteFailed,

    /// <summary>A write did not complete in time.</summary>
    WriteTimeout,

    /// <summary>The per-peer send queue was full; the message was dropped.</summary>
    QueueFull,

    /// <summary>The peer sent bytes that did not decode; the connection was closed.</summary>
    Malformed,

    /// <summary>The peer is known to be dead (simulator, checker).</summary>
    PeerDead,

    /// <summary>The TLS handshake failed or the peer's certificate does not name the address it was reached at (secured transports).</summary>
    AuthenticationFailed,
}
