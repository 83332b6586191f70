using Microsoft.Extensions.Logging;

namespace Mace.Runtime.Transports;

/// <summary>The socket transports' log messages. Event ids are stable: never renumber or reuse one.</summary>
internal static partial class SocketTransportLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Kind} transport bound to {Address}")]
    public static partial void Bound(ILogger logger, string kind, NodeAddress address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Local}: connected to {Peer}")]
    public static partial void ConnectionOpened(ILogger logger, NodeAddress local, NodeAddress peer);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Local}: accepted a connection from {Remote}")]
    public static partial void ConnectionAccepted(ILogger logger, NodeAddress local, string remote);

    // The cause as one line (the socket error's message), not a stack trace: a refused or reset peer is routine.
    public static void ConnectionFailed(ILogger logger, NodeAddress local, string peer, TransportError error, Exception? exception) =>
        ConnectionFailedBecause(logger, local, peer, error, exception is null ? "" : " (" + exception.Message + ")");

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Local}: connection to {Peer} failed: {Error}{Cause}")]
    private static partial void ConnectionFailedBecause(ILogger logger, NodeAddress local, string peer, TransportError error, string cause);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{Local}: connection to {Peer} closed")]
    public static partial void ConnectionClosed(ILogger logger, NodeAddress local, string peer);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Local}: malformed frame from {Peer}, closing the connection: {Reason}")]
    public static partial void MalformedFrame(ILogger logger, NodeAddress local, string peer, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Local}: malformed message from {Peer} for registration {RegistrationId}, dropped: {Reason}")]
    public static partial void MalformedMessage(ILogger logger, NodeAddress local, NodeAddress peer, int registrationId, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Local}: send queue to {Peer} is full ({Capacity} frames), message dropped")]
    public static partial void QueueFull(ILogger logger, NodeAddress local, NodeAddress peer, int capacity);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Local}: frame of {Size} bytes to {Peer} exceeds the maximum {Max}, dropped")]
    public static partial void FrameTooLarge(ILogger logger, NodeAddress local, NodeAddress peer, int size, int max);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "{Local}: frame from {Peer} for unregistered id {RegistrationId}, dropped")]
    public static partial void Unroutable(ILogger logger, NodeAddress local, NodeAddress peer, int registrationId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Local}: accepting a connection failed")]
    public static partial void AcceptFailed(ILogger logger, NodeAddress local, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "{Local}: datagram to {Peer} not sent: {Reason}")]
    public static partial void DatagramNotSent(ILogger logger, NodeAddress local, NodeAddress peer, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "{Local}: message to {Peer} dropped: {Reason}")]
    public static partial void RouteRefused(ILogger logger, NodeAddress local, NodeAddress peer, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "{Kind} transport {Local} stopped: {Statistics}")]
    public static partial void Stopped(ILogger logger, string kind, NodeAddress local, TransportStatistics statistics);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "{Kind} transport could not bind port {Port} ({Reason}); bound an ephemeral port instead")]
    public static partial void PortFallback(ILogger logger, string kind, int port, string reason);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "{Local}: TLS handshake with {Peer} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, NodeAddress local, string peer, string reason);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "{Local}: frame from {Peer} claims source {Claimed}, which its credentials do not name; dropped")]
    public static partial void Impersonation(ILogger logger, NodeAddress local, string peer, NodeAddress claimed);

    [LoggerMessage(EventId = 18, Level = LogLevel.Debug, Message = "{Local}: connection from {Peer} not identified within the handshake timeout; closed")]
    public static partial void HandshakeTimedOut(ILogger logger, NodeAddress local, string peer);

    [LoggerMessage(EventId = 19, Level = LogLevel.Warning, Message = "{Local}: connection cap {Cap} reached; closed a connection from {Peer}")]
    public static partial void ConnectionRefused(ILogger logger, NodeAddress local, int cap, string peer);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "{Local}: datagram from {Peer} dropped: {Reason}")]
    public static partial void DatagramDropped(ILogger logger, NodeAddress local, string peer, string reason);
}
