// Determinism exemption: a socket transport is the real side of the node environment seam (see RealNodeEnvironment.cs).
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Hosting;
using Mace.Runtime.Serialization;
using Mace.Runtime.Transports.Security;
using Microsoft.Extensions.Logging;

namespace Mace.Runtime.Transports;

/// <summary>
/// The real <c>UdpTransport</c>: best effort, one frame (same format as TCP) per datagram. It binds
/// the same port number as the node's address when the node has one (TCP and UDP ports are separate
/// spaces), else the configured port, falling back to an ephemeral port if that number is taken.
/// No error upcalls: a lost datagram is indistinguishable from a slow one.
/// </summary>
/// <remarks>Threading: <see cref="Route"/> sends synchronously on the lane; one receive loop posts deliveries to the lane.</remarks>
public sealed class UdpSocketTransport : ServiceBase, ITransport
{
    /// <summary>The largest datagram payload over IPv4.</summary>
    public const int MaxDatagramSize = 65507;

    private readonly HandlerRegistry<IReceiveData> _receivers = new();
    private readonly HandlerRegistry<INetworkError> _errorHandlers = new();
    private readonly PooledBufferWriter _frameBuffer = new(512);
    private readonly RealNodeOptions _options;
    private readonly ILogger _logger;
    private readonly int _maxFrame;
    private readonly DatagramAuthenticator? _authenticator;
    private int _queuedDatagrams;
    private Socket _socket;
    private CancellationTokenSource? _stopping;
    private volatile bool _running;

    /// <summary>Binds the socket (and sets the node's address if it had none). Lane.</summary>
    public UdpSocketTransport(Node node, RealNodeOptions options, ILogger logger)
        : base(node)
    {
        _options = options;
        _logger = logger;
        _maxFrame = Math.Min(options.MaxFrameSize, MaxDatagramSize - FrameCodec.LengthPrefixSize - (options.Security is null ? 0 : DatagramAuthenticator.Overhead));
        var port = node.Address.Kind == NodeAddressKind.IPv4 && node.Address.Port != 0 ? node.Address.Port : options.Port;
        _socket = BindWithFallback(options.BindAddress, port, logger);
        var bound = (IPEndPoint)_socket.LocalEndPoint!;
        ListenAddress = NodeAddress.FromEndPoint(new IPEndPoint(TcpSocketTransport.AdvertisedAddress(options), bound.Port));
        if (options.Security is { } security)
        {
            if (!security.Identity.Contains(ListenAddress))
            {
                _socket.Dispose();
                throw new ArgumentException(TransportSecurityCheck.NotNamed(security, ListenAddress));
            }
            _authenticator = new DatagramAuthenticator(security.ClusterKey, (ulong)options.TimeProvider.GetUtcNow().UtcTicks, maxSenders: 65536);
        }
        if (node.Address.IsNone) node.Address = ListenAddress;
        SocketTransportLog.Bound(logger, "UDP", ListenAddress);
    }

    /// <inheritdoc/>
    public override string ServiceName => "UdpTransport";

    /// <summary>The address this transport receives on and names as the source of its datagrams.</summary>
    public NodeAddress ListenAddress { get; }

    /// <summary>Counters: messages, bytes, malformed input, drops.</summary>
    public TransportStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public void RegisterReceiveData(int registrationId, IReceiveData handler) => _receivers.Register(registrationId, handler);

    /// <inheritdoc/>
    public void RegisterNetworkError(int registrationId, INetworkError handler) => _errorHandlers.Register(registrationId, handler);

    /// <inheritdoc/>
    public override void MaceInit() => RunLifecycle(() =>
    {
        if (_running) return;
        if (_socket.SafeHandle.IsClosed) _socket = BindWithFallback(_options.BindAddress, ListenAddress.Port, _logger);
        _stopping = new CancellationTokenSource();
        _running = true;
        _ = ReceiveLoopAsync(_socket, _stopping.Token);
    });

    /// <inheritdoc/>
    public override void MaceExit() => RunLifecycle(() =>
    {
        var wasRunning = _running;
        _running = false;
        _stopping?.Cancel();
        _socket.Dispose();
        if (wasRunning) SocketTransportLog.Stopped(_logger, "UDP", ListenAddress, Statistics);
    });

    /// <inheritdoc/>
    public override void MaceReset() => RunLifecycle(() => { });

    /// <inheritdoc/>
    public bool Route(int registrationId, NodeAddress dest, Payload message)
    {
        if (!_running || dest.Kind != NodeAddressKind.IPv4)
        {
            Statistics.SendDroppedBy(1);
            SocketTransportLog.DatagramNotSent(_logger, ListenAddress, dest, _running ? "not an IPv4 address" : "the transport is not running");
            return false;
        }
        var header = FrameHeader.ForSend(Node, ListenAddress, dest, registrationId);
        var size = FrameCodec.Write(_frameBuffer, header, message);
        try
        {
            if (size - FrameCodec.LengthPrefixSize > _maxFrame)
            {
                Statistics.SendDroppedBy(1);
                SocketTransportLog.FrameTooLarge(_logger, ListenAddress, dest, size - FrameCodec.LengthPrefixSize, _maxFrame);
                return false;
            }
            if (_authenticator is { } authenticator)
            {
                _frameBuffer.GetSpan(DatagramAuthenticator.Overhead);
                _frameBuffer.Advance(DatagramAuthenticator.Overhead);
                size = authenticator.Seal(_frameBuffer.WrittenSpanForPatching, size);
            }
            _socket.SendTo(_frameBuffer.WrittenSpan, SocketFlags.None, dest.ToEndPoint());
            Statistics.Sent(1, size);
            return true;
        }
        catch (SocketException ex)
        {
            Statistics.SendDroppedBy(1);
            SocketTransportLog.DatagramNotSent(_logger, ListenAddress, dest, ex.SocketErrorCode.ToString());
            return false;
        }
        finally
        {
            _frameBuffer.Clear();
        }
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken token)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagramSize + 1, pinned: true);
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!token.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (SocketFailure.IsLocalAbort(ex))
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error for an earlier datagram: best effort, go on
            }
            Statistics.Received(result.ReceivedBytes);
            var datagram = buffer.AsSpan(0, result.ReceivedBytes);
            if (_authenticator is { } authenticator)
            {
                if (!authenticator.Verify(datagram, out var frameLength, out var sequence))
                {
                    Statistics.Unauthenticated();
                    SocketTransportLog.DatagramDropped(_logger, ListenAddress, result.RemoteEndPoint.ToString() ?? "unknown", "missing or wrong authentication tag");
                    continue;
                }
                HandleDatagram(datagram[..frameLength], result.RemoteEndPoint, sequence);
            }
            else
            {
                HandleDatagram(datagram, result.RemoteEndPoint, sequence: null);
            }
        }
    }

    // sequence is the authenticated datagram's number when secured, null when not.
    private void HandleDatagram(ReadOnlySpan<byte> datagram, EndPoint from, ulong? sequence)
    {
        FrameHeader header;
        byte[] payload;
        try
        {
            if (datagram.Length < FrameCodec.LengthPrefixSize) throw new MaceFormatException($"datagram of {datagram.Length} bytes has no length prefix", 0);
            var bodyLength = FrameCodec.ReadLengthPrefix(datagram, _maxFrame);
            if (bodyLength != datagram.Length - FrameCodec.LengthPrefixSize) throw new MaceFormatException($"length prefix {bodyLength} does not match the datagram's {datagram.Length - FrameCodec.LengthPrefixSize} bytes", 0);
            header = FrameCodec.ReadHeader(datagram[FrameCodec.LengthPrefixSize..], out var body);
            if (header.Source.Kind != NodeAddressKind.IPv4) throw new MaceFormatException($"frame source {header.Source} is not an IPv4 address", 2);
            payload = body.ToArray();
        }
        catch (MaceFormatException ex)
        {
            Statistics.Malformed();
            SocketTransportLog.MalformedFrame(_logger, ListenAddress, from.ToString() ?? "unknown", ex.Message);
            return;
        }
        if (sequence is { } number && !AcceptSecured(header.Source, from, number)) return;
        if (Interlocked.Increment(ref _queuedDatagrams) > _options.MaxQueuedDatagrams)
        {
            Interlocked.Decrement(ref _queuedDatagrams);
            Statistics.ReceiveFull();
            SocketTransportLog.DatagramDropped(_logger, ListenAddress, from.ToString() ?? "unknown", $"{_options.MaxQueuedDatagrams} datagrams already wait for the lane");
            return;
        }
        Statistics.FrameReceived();
        var source = header.Source;
        var destination = header.Destination;
        var registrationId = header.RegistrationId;
        var senderEvent = header.SenderEvent;
        var path = header.Path;
        Node.Post(() => Dispatch(source, destination, registrationId, payload, senderEvent, path));
    }

    // A cluster key is shared, so it proves membership, not which member: the claimed source must
    // also be the address the datagram came from (UDP sends from the listening socket), and its
    // sequence number new for that source.
    private bool AcceptSecured(NodeAddress source, EndPoint from, ulong sequence)
    {
        if (from is not IPEndPoint endPoint || NodeAddress.FromEndPoint(endPoint) != source)
        {
            Statistics.Impersonation();
            SocketTransportLog.Impersonation(_logger, ListenAddress, from.ToString() ?? "unknown", source);
            return false;
        }
        if (!_authenticator!.Accept(source, sequence))
        {
            Statistics.Replay();
            SocketTransportLog.DatagramDropped(_logger, ListenAddress, from.ToString() ?? "unknown", $"sequence {sequence} replayed or too old");
            return false;
        }
        return true;
    }

    private void Dispatch(NodeAddress source, NodeAddress destination, int registrationId, byte[] payload, long senderEvent, PathContext path)
    {
        Interlocked.Decrement(ref _queuedDatagrams);
        Node.SetCause(source, senderEvent, path);
        if (!_running) return;
        var receiver = _receivers.Get(registrationId);
        if (receiver is null)
        {
            Statistics.Unroutable();
            SocketTransportLog.Unroutable(_logger, ListenAddress, source, registrationId);
            return;
        }
        try
        {
            receiver.Deliver(source, destination, new Payload(payload));
        }
        catch (MaceFormatException ex)
        {
            Statistics.Malformed();
            SocketTransportLog.MalformedMessage(_logger, ListenAddress, source, registrationId, ex.Message);
        }
    }

    private static Socket BindWithFallback(IPAddress address, int port, ILogger logger)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex) when (port != 0 && ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            SocketTransportLog.PortFallback(logger, "UDP", port, ex.SocketErrorCode.ToString());
            socket.Bind(new IPEndPoint(address, 0));
        }
        return socket;
    }
}
