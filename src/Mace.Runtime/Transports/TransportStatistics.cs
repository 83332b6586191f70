namespace Mace.Runtime.Transports;

/// <summary>
/// Counters of a socket transport, updated from its socket loops and lane with interlocked
/// operations; every property is a consistent read of one counter (not of all together).
/// </summary>
public sealed class TransportStatistics
{
    private long _messagesSent;
    private long _bytesSent;
    private long _messagesReceived;
    private long _bytesReceived;
    private long _malformedDropped;
    private long _queueFullDropped;
    private long _sendDropped;
    private long _unroutableDropped;
    private long _connectionsOpened;
    private long _connectionsAccepted;
    private long _connectionsClosed;
    private long _handshakesFailed;
    private long _handshakeTimeouts;
    private long _connectionsRefused;
    private long _impersonationDropped;
    private long _unauthenticatedDropped;
    private long _replayDropped;
    private long _receiveQueueFull;
    private long _receiveBuffersReturned;

    /// <summary>Frames written to the network.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Bytes written to the network, length prefixes included.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Well-formed frames received.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Bytes read from the network.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Frames or messages that did not decode (bad header, bad length, truncated, rejected by the upper layer).</summary>
    public long MalformedDropped => Interlocked.Read(ref _malformedDropped);

    /// <summary>Sends dropped because the peer's queue was full.</summary>
    public long QueueFullDropped => Interlocked.Read(ref _queueFullDropped);

    /// <summary>Frames dropped unsent: too large, not running, or their connection failed first.</summary>
    public long SendDropped => Interlocked.Read(ref _sendDropped);

    /// <summary>Frames for a registration id nobody registered.</summary>
    public long UnroutableDropped => Interlocked.Read(ref _unroutableDropped);

    /// <summary>Outbound connections established.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>Inbound connections accepted.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Connections closed, for any reason.</summary>
    public long ConnectionsClosed => Interlocked.Read(ref _connectionsClosed);

    /// <summary>TLS handshakes that failed (untrusted or missing certificate, wrong protocol, garbage).</summary>
    public long HandshakesFailed => Interlocked.Read(ref _handshakesFailed);

    /// <summary>Inbound connections closed because they were not identified within the handshake timeout.</summary>
    public long HandshakeTimeouts => Interlocked.Read(ref _handshakeTimeouts);

    /// <summary>Connections closed at the connection cap (evicted unidentified ones, or refused new ones).</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>Frames whose source is not an address the sender authenticated as (secured transports).</summary>
    public long ImpersonationDropped => Interlocked.Read(ref _impersonationDropped);

    /// <summary>Datagrams whose authentication tag was missing or wrong (secured UDP).</summary>
    public long UnauthenticatedDropped => Interlocked.Read(ref _unauthenticatedDropped);

    /// <summary>Authenticated datagrams dropped as replays (secured UDP).</summary>
    public long ReplayDropped => Interlocked.Read(ref _replayDropped);

    /// <summary>Datagrams dropped because the lane had <c>MaxQueuedDatagrams</c> waiting, and times a TCP receive loop paused at its pending-bytes bound.</summary>
    public long ReceiveQueueFull => Interlocked.Read(ref _receiveQueueFull);

    /// <summary>
    /// Batches of received frames whose bytes went back to the buffer pool after delivery, because
    /// every frame went to a receiver that keeps none of them (<see cref="ICopiesReceivedPayloads"/>).
    /// </summary>
    public long ReceiveBuffersReturned => Interlocked.Read(ref _receiveBuffersReturned);

    /// <summary>Connections open now.</summary>
    public long ActiveConnections => ConnectionsOpened + ConnectionsAccepted - ConnectionsClosed;

    internal void Sent(int frames, int bytes)
    {
        Interlocked.Add(ref _messagesSent, frames);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void Received(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void FrameReceived() => Interlocked.Increment(ref _messagesReceived);

    internal void FramesReceived(int frames) => Interlocked.Add(ref _messagesReceived, frames);

    internal void Malformed() => Interlocked.Increment(ref _malformedDropped);

    internal void QueueFull() => Interlocked.Increment(ref _queueFullDropped);

    internal void SendDroppedBy(int frames) => Interlocked.Add(ref _sendDropped, frames);

    internal void Unroutable() => Interlocked.Increment(ref _unroutableDropped);

    internal void Opened() => Interlocked.Increment(ref _connectionsOpened);

    internal void Accepted() => Interlocked.Increment(ref _connectionsAccepted);

    internal void Closed() => Interlocked.Increment(ref _connectionsClosed);

    internal void HandshakeFailed() => Interlocked.Increment(ref _handshakesFailed);

    internal void HandshakeTimedOut() => Interlocked.Increment(ref _handshakeTimeouts);

    internal void Refused() => Interlocked.Increment(ref _connectionsRefused);

    internal void Impersonation() => Interlocked.Increment(ref _impersonationDropped);

    internal void Unauthenticated() => Interlocked.Increment(ref _unauthenticatedDropped);

    internal void Replay() => Interlocked.Increment(ref _replayDropped);

    internal void ReceiveFull() => Interlocked.Increment(ref _receiveQueueFull);

    internal void ReceiveBufferReturned() => Interlocked.Increment(ref _receiveBuffersReturned);

    /// <inheritdoc/>
    public override string ToString() =>
        $"sent {MessagesSent} msgs/{BytesSent} B, received {MessagesReceived} msgs/{BytesReceived} B, malformed {MalformedDropped}, " +
        $"queue-full {QueueFullDropped}, send-dropped {SendDropped}, unroutable {UnroutableDropped}, connections {ActiveConnections} open " +
        $"({ConnectionsOpened} opened, {ConnectionsAccepted} accepted, {ConnectionsClosed} closed, {ConnectionsRefused} refused), " +
        $"handshakes failed {HandshakesFailed}, handshake timeouts {HandshakeTimeouts}, impersonation {ImpersonationDropped}, " +
        $"unauthenticated {UnauthenticatedDropped}, replays {ReplayDropped}, receive-full {ReceiveQueueFull}, " +
        $"receive buffers returned {ReceiveBuffersReturned}";
}
