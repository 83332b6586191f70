// Determinism exemption: a socket transport is the real side of the node environment seam, so it
// may use sockets, OS timers and thread-pool loops (see RealNodeEnvironment.cs).
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Hosting;
using Mace.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace Mace.Runtime.Transports;

/// <summary>
/// The real <c>TcpTransport</c>: a listener bound at construction, one connection per peer opened
/// on the first send and reused, length-prefixed frames (<c>docs/wire-format.md</c>), a bounded send
/// queue per peer, connect and write timeouts, and <c>Error(peer, TransportError)</c> upcalls on
/// the node's lane when a connection fails. Malformed input closes only the connection it came on.
/// </summary>
/// <remarks>
/// <para>Connection reuse: a send to a peer uses the connection registered for it: the one this side
/// opened, or an inbound one from that peer once its first frame named it (whichever registered
/// first). A registered connection is never replaced while it lives, so frames to a peer leave in
/// order; when it dies the next send opens a new one. If both sides open at once, each keeps
/// sending on its own and reading on both.</para>
/// <para>Threading: <see cref="Route"/>, registration and lifecycle calls run on the lane; socket
/// loops post errors to the lane with <see cref="Node.Post"/> and deliveries one socket read at a
/// time (<see cref="ReceivedBatch"/>: one event per frame, run by the receive loop itself when the
/// lane is idle); the connection table is concurrent.</para>
/// <para>Sending: <see cref="Route"/> reuses the encoded header of the last peer and service and,
/// for the peer of the last send while its connection lives, encodes the frame straight into that
/// connection's staging outbox (<see cref="FrameOutbox"/>); otherwise it encodes into a scratch
/// buffer first, so that an oversized frame is refused before any connection is opened for it.
/// Staged frames go to the send loop when a chunk fills and when the event ends.</para>
/// </remarks>
public sealed partial class TcpSocketTransport : ServiceBase, ITransport
{
    private readonly HandlerRegistry<IReceiveData> _receivers = new();
    private readonly HandlerRegistry<INetworkError> _errorHandlers = new();
    private readonly ConcurrentDictionary<NodeAddress, TcpConnection> _byPeer = new();
    private readonly ConcurrentDictionary<TcpConnection, byte> _all = new();
    private readonly PooledBufferWriter _frameBuffer = new(512);
    private readonly IPEndPoint _bindEndPoint;
    private Socket? _listener;
    private CancellationTokenSource? _stopping;
    private volatile bool _running;

    /// <summary>Binds the listener (and sets the node's address if it had none). Lane.</summary>
    public TcpSocketTransport(Node node, RealNodeOptions options, ILogger logger)
        : base(node)
    {
        Options = options;
        Logger = logger;
        var port = node.Address.Kind == NodeAddressKind.IPv4 && node.Address.Port != 0 ? node.Address.Port : options.Port;
        _bindEndPoint = new IPEndPoint(options.BindAddress, port);
        _listener = Bind(_bindEndPoint);
        var bound = (IPEndPoint)_listener.LocalEndPoint!;
        ListenAddress = NodeAddress.FromEndPoint(new IPEndPoint(AdvertisedAddress(options), bound.Port));
        if (options.Security is { } security && !security.Identity.Contains(ListenAddress))
        {
            _listener.Dispose();
            throw new ArgumentException(Security.TransportSecurityCheck.NotNamed(security, ListenAddress));
        }
        if (node.Address.IsNone) node.Address = ListenAddress;
        SocketTransportLog.Bound(logger, "TCP", ListenAddress);
    }

    /// <inheritdoc/>
    public override string ServiceName => "TcpTransport";

    /// <summary>The address this transport listens on and names as the source of its frames.</summary>
    public NodeAddress ListenAddress { get; }

    /// <summary>Counters: messages, bytes, malformed input, drops, connections.</summary>
    public TransportStatistics Statistics { get; } = new();

    /// <summary>True between <c>MaceInit</c> and <c>MaceExit</c>.</summary>
    public bool IsRunning => _running;

    internal RealNodeOptions Options { get; }

    internal ILogger Logger { get; }

    /// <summary>The address peers should reply to: the bind address, or the advertised one for a wildcard bind.</summary>
    internal static IPAddress AdvertisedAddress(RealNodeOptions options) =>
        options.BindAddress.Equals(IPAddress.Any) ? options.AdvertiseAddress ?? IPAddress.Loopback : options.BindAddress;

    /// <inheritdoc/>
    public void RegisterReceiveData(int registrationId, IReceiveData handler) => _receivers.Register(registrationId, handler);

    /// <inheritdoc/>
    public void RegisterNetworkError(int registrationId, INetworkError handler) => _errorHandlers.Register(registrationId, handler);

    /// <inheritdoc/>
    public override void MaceInit() => RunLifecycle(Start);

    /// <inheritdoc/>
    public override void MaceExit() => RunLifecycle(Stop);

    /// <inheritdoc/>
    public override void MaceReset() => RunLifecycle(CloseConnections);

    /// <inheritdoc/>
    public bool Route(int registrationId, NodeAddress dest, Payload message)
    {
        if (!_running) return Refuse(dest, "the transport is not running");
        if (dest.Kind != NodeAddressKind.IPv4) return Refuse(dest, "not an IPv4 address");
        var prefixAndHeader = PrefixAndHeader(dest, registrationId);
        if (dest != ListenAddress && _lastConnection is { IsClosed: false } last && _lastPeer == dest)
        {
            // A stream to the peer of the last send: encode straight into its outbox.
            switch (last.TryEnqueue(prefixAndHeader, message, Options.MaxFrameSize, out var encoded))
            {
                case EnqueueResult.Queued:
                    return true;
                case EnqueueResult.Full:
                    return QueueFull(dest);
                case EnqueueResult.TooLarge:
                    return TooLarge(dest, encoded);
                default:
                    break; // closed since: the general path below opens a new connection
            }
        }
        _frameBuffer.Clear();
        var size = FrameCodec.Write(_frameBuffer, prefixAndHeader, message);
        if (size - FrameCodec.LengthPrefixSize > Options.MaxFrameSize) return TooLarge(dest, size);
        if (dest == ListenAddress)
        {
            FrameCodec.ReadHeader(_frameBuffer.WrittenSpan[FrameCodec.LengthPrefixSize..], out var payload);
            var bytes = payload.ToArray();
            Statistics.Sent(1, size);
            var senderEvent = Node.EventId;
            var path = Node.OutgoingContext;
            Node.Post(() =>
            {
                Node.SetCause(ListenAddress, senderEvent, path);
                Dispatch(null, null, ListenAddress, dest, registrationId, new Payload(bytes));
            });
            return true;
        }
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var connection = ConnectionFor(dest);
            switch (connection.TryEnqueue(_frameBuffer.WrittenSpan))
            {
                case EnqueueResult.Queued:
                    return true;
                case EnqueueResult.Full:
                    return QueueFull(dest);
                default:
                    _byPeer.TryRemove(new KeyValuePair<NodeAddress, TcpConnection>(dest, connection));
                    break;
            }
        }
        Statistics.SendDroppedBy(1);
        return false;
    }

    // The encoded prefix and header of the last (destination, registration) routed to, lane only:
    // every frame of a stream to one peer and service starts with the same bytes. A miss re-encodes
    // them into the same array (no allocation once it is large enough).
    private NodeAddress _headerDest;
    private int _headerRegistrationId;
    private byte[] _prefixAndHeader = new byte[64];
    private byte[] _pathHeader = [];
    private int _prefixAndHeaderLength;

    private ReadOnlySpan<byte> PrefixAndHeader(NodeAddress dest, int registrationId)
    {
        if (Node.OutgoingPath != default)
        {
            // A message on a causal path carries its trace id (and maybe the extension): encode the
            // whole header, and leave the cache to the next message off the path.
            _frameBuffer.Clear();
            var pathLength = FrameCodec.Write(_frameBuffer, FrameHeader.ForSend(Node, ListenAddress, dest, registrationId), default(Payload));
            if (_pathHeader.Length < pathLength) _pathHeader = new byte[pathLength];
            _frameBuffer.WrittenSpan.CopyTo(_pathHeader);
            _frameBuffer.Clear();
            return _pathHeader.AsSpan(0, pathLength);
        }
        if (_prefixAndHeaderLength == 0 || _headerDest != dest || _headerRegistrationId != registrationId)
        {
            _frameBuffer.Clear();
            var length = FrameCodec.Write(_frameBuffer, new FrameHeader(ListenAddress, dest, registrationId, PathContext.None), default(Payload));
            if (_prefixAndHeader.Length < length) _prefixAndHeader = new byte[length];
            _frameBuffer.WrittenSpan.CopyTo(_prefixAndHeader);
            _frameBuffer.Clear();
            _prefixAndHeaderLength = length;
            _headerDest = dest;
            _headerRegistrationId = registrationId;
        }
        // The header is cached per destination; only the trace context's span id (the sending event) changes.
        BinaryPrimitives.WriteInt64BigEndian(_prefixAndHeader.AsSpan(_prefixAndHeaderLength - 9, 8), Node.EventId);
        return _prefixAndHeader.AsSpan(0, _prefixAndHeaderLength);
    }

    private bool TooLarge(NodeAddress dest, int size)
    {
        Statistics.SendDroppedBy(1);
        SocketTransportLog.FrameTooLarge(Logger, ListenAddress, dest, size - FrameCodec.LengthPrefixSize, Options.MaxFrameSize);
        return false;
    }

    private bool QueueFull(NodeAddress dest)
    {
        Statistics.QueueFull();
        SocketTransportLog.QueueFull(Logger, ListenAddress, dest, Options.SendQueueCapacity);
        PostError(dest, TransportError.QueueFull);
        return false;
    }

    private bool Refuse(NodeAddress dest, string reason)
    {
        Statistics.SendDroppedBy(1);
        SocketTransportLog.RouteRefused(Logger, ListenAddress, dest, reason);
        return false;
    }

    // Connections holding frames staged by the running event; flushed together when it ends. Lane.
    private readonly List<TcpConnection> _staging = [];
    private Action? _flushStaged;

    /// <summary>A connection staged its first frame since its last flush. Lane.</summary>
    internal void FlushAtEventEnd(TcpConnection connection)
    {
        _staging.Add(connection);
        if (_staging.Count == 1) Node.FlushAtEventEnd(_flushStaged ??= FlushStaged);
    }

    private void FlushStaged()
    {
        // A connection flushed here may stage again only in a later event, so the list is stable.
        foreach (var connection in _staging) connection.Flush();
        _staging.Clear();
    }

    // The last peer routed to and its connection, lane only: a stream of sends to one peer skips the
    // table. Valid while that connection lives, because a live registered connection is never replaced.
    private NodeAddress _lastPeer;
    private TcpConnection? _lastConnection;

    private TcpConnection ConnectionFor(NodeAddress peer)
    {
        if (_lastConnection is { IsClosed: false } last && _lastPeer == peer) return last;
        var connection = LookUpOrOpen(peer);
        _lastPeer = peer;
        _lastConnection = connection;
        return connection;
    }

    private TcpConnection LookUpOrOpen(NodeAddress peer)
    {
        if (_byPeer.TryGetValue(peer, out var existing) && !existing.IsClosed) return existing;
        var created = TcpConnection.CreateOutbound(this, peer);
        if (existing is not null) _byPeer.TryRemove(new KeyValuePair<NodeAddress, TcpConnection>(peer, existing));
        if (!_byPeer.TryAdd(peer, created))
        {
            // An inbound connection from this peer registered between the lookup and here: use it.
            created.Discard();
            return _byPeer.TryGetValue(peer, out var raced) ? raced : LookUpOrOpen(peer);
        }
        _all.TryAdd(created, 0);
        created.Start();
        return created;
    }

    private static Socket Bind(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
