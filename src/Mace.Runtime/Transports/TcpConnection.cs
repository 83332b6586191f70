using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;
using Mace.Runtime.Serialization;
using Mace.Runtime.Transports.Security;
using Microsoft.Extensions.Logging;

namespace Mace.Runtime.Transports;

/// <summary>
/// One TCP connection of a <see cref="TcpSocketTransport"/>: a bounded outbox of encoded frames
/// drained by a send loop, and a receive loop that cuts frames and posts them to the node's lane,
/// one post per socket read. Either loop, or the lane, may end the connection with
/// <see cref="Abort"/>; the first call wins and reports once.
/// </summary>
/// <remarks>
/// <para>Threading: <see cref="TryEnqueue"/> runs on the lane; the loops on thread-pool threads; the
/// peer address of an inbound connection is learned from its first frame and guarded by
/// <c>_gate</c>.</para>
/// <para>The lane encodes frames into a staging outbox of its own (no lock) and hands its chunks to
/// the outbox (<see cref="FrameOutbox"/>, behind <c>_sendLock</c>) as they fill and when the event
/// ends; the send loop takes every chunk at once and writes them with gathered socket writes. The
/// bound counts frames staged and in the outbox, as the per-frame queue it replaced did.</para>
/// </remarks>
internal sealed partial class TcpConnection
{
    private const int InitialReceiveSize = 4 * 1024;
    private const int MaxReceiveSize = 64 * 1024;

    private readonly TcpSocketTransport _owner;
    private readonly Socket _socket;
    private readonly Lock _sendLock = new();
    private readonly Channel<bool> _sendWake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly int _capacity;
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenSource _writeTimer = new();
    private readonly Lock _gate = new();
    private readonly FrameOutbox _outbox = new();
    // The lane encodes frames here without a lock and hands them over when a chunk fills and when
    // the event ends (Flush), so the send lock is taken once per chunk or event, not per frame.
    private readonly FrameOutbox _staged = new();
    private int _publishedFrames;
    private bool _flushRequested;
    private bool _sendIdle;
    private NodeAddress _peer;
    private volatile bool _identified;
    private readonly ReceivedBatch?[] _spareBatches = new ReceivedBatch?[4];
    private int _closed;

    // Secured connections only: the TLS stream (both loops use it once the handshake is done) and
    // the addresses the peer's certificate names; frames from any other source are dropped.
    private Stream? _stream;
    private IReadOnlySet<NodeAddress>? _authenticated;

    private TcpConnection(TcpSocketTransport owner, Socket socket, NodeAddress peer, bool isOutbound)
    {
        _owner = owner;
        _socket = socket;
        _peer = peer;
        IsOutbound = isOutbound;
        _capacity = owner.Options.SendQueueCapacity;
    }

    /// <summary>True when this side opened the connection.</summary>
    public bool IsOutbound { get; }

    /// <summary>The peer's listening address; none for an inbound connection that has sent no frame yet.</summary>
    public NodeAddress Peer
    {
        get
        {
            lock (_gate) return _peer;
        }
    }

    /// <summary>True once the socket was connected (outbound) or accepted (inbound).</summary>
    public bool WasEstablished { get; private set; }

    /// <summary>True once an inbound connection's first frame named its peer (always true outbound).</summary>
    public bool IsIdentified => IsOutbound || _identified;

    /// <summary>The order in which inbound connections were accepted (eviction at the connection cap takes the oldest).</summary>
    public long AcceptOrder { get; private init; }

    /// <summary>True once the connection was aborted.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    private ILogger Logger => _owner.Logger;

    private TransportStatistics Statistics => _owner.Statistics;

    private string PeerText
    {
        get
        {
            var peer = Peer;
            if (!peer.IsNone) return peer.ToString();
            try
            {
                return _socket.RemoteEndPoint?.ToString() ?? "unknown";
            }
            catch (ObjectDisposedException)
            {
                return "unknown";
            }
        }
    }

    /// <summary>A connection to <paramref name="peer"/> that connects when started.</summary>
    public static TcpConnection CreateOutbound(TcpSocketTransport owner, NodeAddress peer)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        return new TcpConnection(owner, socket, peer, isOutbound: true);
    }

    /// <summary>A connection over an accepted socket; its peer is named by its first frame.</summary>
    public static TcpConnection CreateInbound(TcpSocketTransport owner, Socket socket, long acceptOrder)
    {
        socket.NoDelay = true;
        return new TcpConnection(owner, socket, default, isOutbound: false) { WasEstablished = true, AcceptOrder = acceptOrder };
    }

    /// <summary>Starts the loops (connecting first when outbound).</summary>
    public void Start()
    {
        if (IsOutbound)
        {
            _ = RunOutboundAsync();
        }
        else
        {
            _ = RunInboundAsync();
        }
    }

    /// <summary>Stages one whole encoded frame (prefix included) for the send loop. Lane.</summary>
    public EnqueueResult TryEnqueue(ReadOnlySpan<byte> frame)
    {
        if (IsClosed) return EnqueueResult.Closed;
        if (QueuedFrames >= _capacity) return EnqueueResult.Full;
        _staged.Append(frame);
        Staged();
        return EnqueueResult.Queued;
    }

    /// <summary>
    /// Encodes a frame (the given prefix and header, then <paramref name="message"/>) straight into
    /// the lane's staging outbox; a frame whose body exceeds <paramref name="maxFrameSize"/>, or
    /// whose serialization throws, is taken back. Lane.
    /// </summary>
    public EnqueueResult TryEnqueue(ReadOnlySpan<byte> prefixAndHeader, Payload message, int maxFrameSize, out int size)
    {
        size = 0;
        if (IsClosed) return EnqueueResult.Closed;
        if (QueuedFrames >= _capacity) return EnqueueResult.Full;
        _staged.BeginFrame();
        try
        {
            prefixAndHeader.CopyTo(_staged.GetSpan(prefixAndHeader.Length));
            _staged.Advance(prefixAndHeader.Length);
            var writer = new MaceWriter(_staged);
            message.WriteTo(ref writer);
            writer.Flush();
        }
        catch
        {
            _staged.AbandonFrame();
            throw;
        }
        size = _staged.FrameSize;
        if (size - FrameCodec.LengthPrefixSize > maxFrameSize)
        {
            _staged.AbandonFrame();
            return EnqueueResult.TooLarge;
        }
        _staged.EndFrame();
        Staged();
        return EnqueueResult.Queued;
    }

    // Frames queued and not yet taken by the send loop: published ones (the send loop may take them
    // meanwhile, so this only ever overcounts) and the lane's staged ones. Lane.
    private int QueuedFrames => Volatile.Read(ref _publishedFrames) + _staged.Frames;

    // A frame was staged: full chunks go to the send loop now, the rest when the event ends. Lane.
    private void Staged()
    {
        if (_staged.HasSealed) Publish(includeCurrent: false);
        if (_flushRequested) return;
        _flushRequested = true;
        _owner.FlushAtEventEnd(this);
    }

    /// <summary>The event that staged frames here has ended: hands them all to the send loop. Lane.</summary>
    internal void Flush()
    {
        _flushRequested = false;
        Publish(includeCurrent: true);
        _staged.ResetGrowth();
    }

    // Moves staged frames into the outbox (one lock for all of them) and wakes the send loop if it
    // sleeps; on a closed connection they are dropped and counted, as Abort counts the outbox's. Lane.
    private void Publish(bool includeCurrent)
    {
        var wake = false;
        var dropped = 0;
        lock (_sendLock)
        {
            if (IsClosed)
            {
                dropped = _staged.Clear();
            }
            else
            {
                _staged.MoveTo(_outbox, includeCurrent);
                Volatile.Write(ref _publishedFrames, _outbox.Frames);
                wake = _sendIdle;
                _sendIdle = false;
            }
        }
        if (dropped > 0) Statistics.SendDroppedBy(dropped);
        if (wake) _sendWake.Writer.TryWrite(true);
    }

    /// <summary>
    /// Names the peer of an inbound connection from its first frame; false when a later frame claims
    /// another source. An outbound connection keeps the address it dialled (the peer may advertise
    /// another form of it), so it accepts any source.
    /// </summary>
    private bool Identify(NodeAddress source, out bool first)
    {
        first = false;
        if (IsOutbound) return true;
        if (_identified) return _peer == source; // set once, before _identified, under the gate
        lock (_gate)
        {
            first = _peer.IsNone;
            if (first)
            {
                _peer = source;
                _identified = true;
            }
            return _peer == source;
        }
    }

    /// <summary>
    /// Closes the connection once: cancels both loops, drops frames not yet taken by the send loop, and tells the transport,
    /// which reports <paramref name="error"/> upward when the peer is known. Any thread.
    /// </summary>
    public void Abort(TransportError? error, Exception? exception = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _closing.Cancel();
        _stream?.Dispose();
        _socket.Dispose();
        _receiveWake.Writer.TryComplete();
        int dropped;
        lock (_sendLock)
        {
            dropped = _outbox.Clear();
            Volatile.Write(ref _publishedFrames, 0);
        }
        _sendWake.Writer.TryComplete();
        if (dropped > 0) Statistics.SendDroppedBy(dropped);
        if (error is { } reported) SocketTransportLog.ConnectionFailed(Logger, _owner.ListenAddress, PeerText, reported, exception);
        else SocketTransportLog.ConnectionClosed(Logger, _owner.ListenAddress, PeerText);
        _owner.OnConnectionClosed(this, error);
    }

    /// <summary>Releases a connection that lost the race to register and was never started.</summary>
    public void Discard()
    {
        Interlocked.Exchange(ref _closed, 1);
        _socket.Dispose();
    }

    private async Task RunOutboundAsync()
    {
        var peer = Peer;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(_owner.Options.ConnectTimeout);
            await _socket.ConnectAsync(peer.ToEndPoint(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (SocketFailure.IsNetworkFailure(ex))
        {
            if (!IsClosed) Abort(ex is OperationCanceledException ? TransportError.ConnectTimeout : TransportError.ConnectFailed, ex);
            return;
        }
        if (_owner.Options.Security is { } security && !await AuthenticateAsync(security).ConfigureAwait(false)) return;
        WasEstablished = true;
        Statistics.Opened();
        SocketTransportLog.ConnectionOpened(Logger, _owner.ListenAddress, peer);
        _ = ReceiveLoopAsync();
        await SendLoopAsync().ConfigureAwait(false);
    }

    // Inbound: the handshake deadline runs until the first frame names the peer (a slowloris that
    // never completes TLS or a frame is closed); when secured, TLS comes first.
    private async Task RunInboundAsync()
    {
        var deadline = new CancellationTokenSource(_owner.Options.HandshakeTimeout);
        _handshakeDeadline = deadline;
        deadline.Token.Register(OnHandshakeDeadline);
        if (_owner.Options.Security is { } security && !await AuthenticateAsync(security).ConfigureAwait(false)) return;
        _ = ReceiveLoopAsync();
        await SendLoopAsync().ConfigureAwait(false);
    }

    private CancellationTokenSource? _handshakeDeadline;

    private void OnHandshakeDeadline()
    {
        if (_identified || IsClosed) return;
        Statistics.HandshakeTimedOut();
        SocketTransportLog.HandshakeTimedOut(Logger, _owner.ListenAddress, PeerText);
        Abort(null);
    }

    // The first frame named the peer: the deadline no longer applies. Receive loop.
    private void EndHandshakeDeadline()
    {
        var deadline = Interlocked.Exchange(ref _handshakeDeadline, null);
        deadline?.Dispose();
    }

    // Mutual TLS; false (and the connection closed) when it fails, or when an outbound peer's
    // certificate does not name the address dialled.
    private async Task<bool> AuthenticateAsync(TransportSecurity security)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(IsOutbound ? _owner.Options.ConnectTimeout : _owner.Options.HandshakeTimeout);
            var (stream, names) = IsOutbound
                ? await TlsHandshake.ConnectAsync(_socket, Peer, security, timeout.Token).ConfigureAwait(false)
                : await TlsHandshake.AcceptAsync(_socket, security, timeout.Token).ConfigureAwait(false);
            _stream = stream;
            _authenticated = names;
        }
        catch (Exception ex) when (ex is AuthenticationException or InvalidOperationException or System.ComponentModel.Win32Exception || SocketFailure.IsNetworkFailure(ex))
        {
            if (IsClosed) return false;
            Statistics.HandshakeFailed();
            SocketTransportLog.HandshakeFailed(Logger, _owner.ListenAddress, PeerText, ex.Message);
            Abort(IsOutbound ? TransportError.AuthenticationFailed : null, ex);
            return false;
        }
        if (IsOutbound && !_authenticated.Contains(Peer))
        {
            Statistics.HandshakeFailed();
            SocketTransportLog.HandshakeFailed(Logger, _owner.ListenAddress, PeerText, $"the peer's certificate does not name {Peer}");
            Abort(TransportError.AuthenticationFailed);
            return false;
        }
        if (IsClosed)
        {
            _stream.Dispose(); // aborted during the handshake: Abort may have run before _stream was set
            return false;
        }
        return true;
    }
}

/// <summary>What happened to a frame offered to a connection's send queue.</summary>
internal enum EnqueueResult
{
    /// <summary>Queued; the connection owns the frame.</summary>
    Queued,

    /// <summary>The queue is at its bound.</summary>
    Full,

    /// <summary>The connection is closed.</summary>
    Closed,

    /// <summary>The frame's body exceeds the maximum frame size; nothing was queued.</summary>
    TooLarge,
}
