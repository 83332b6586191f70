using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Hosting;
using Mace.Runtime.Serialization;

namespace Mace.Runtime.Transports;

/// <summary>Accepting, closing, and the lane side of deliveries and errors.</summary>
public sealed partial class TcpSocketTransport
{
    // MaceInit: start accepting (rebinding the same port after a MaceExit).
    private void Start()
    {
        if (_running) return;
        _listener ??= Bind(new IPEndPoint(Options.BindAddress, ListenAddress.Port));
        _stopping = new CancellationTokenSource();
        _running = true;
        _ = AcceptLoopAsync(_listener, _stopping.Token);
    }

    // MaceExit: stop accepting and close every connection without error upcalls.
    private void Stop()
    {
        var wasRunning = _running;
        _running = false;
        _stopping?.Cancel();
        _listener?.Dispose();
        _listener = null;
        CloseConnections();
        if (wasRunning) SocketTransportLog.Stopped(Logger, "TCP", ListenAddress, Statistics);
    }

    private void CloseConnections()
    {
        foreach (var connection in _all.Keys) connection.Abort(null);
        _all.Clear();
        _byPeer.Clear();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (SocketFailure.IsLocalAbort(ex))
            {
                return;
            }
            catch (SocketException ex)
            {
                SocketTransportLog.AcceptFailed(Logger, ListenAddress, ex);
                await Task.Yield();
                continue;
            }
            if (_all.Count >= Options.MaxConnections && !MakeRoom(accepted))
            {
                accepted.Dispose();
                continue;
            }
            var connection = TcpConnection.CreateInbound(this, accepted, ++_acceptOrder);
            _all.TryAdd(connection, 0);
            Statistics.Accepted();
            SocketTransportLog.ConnectionAccepted(Logger, ListenAddress, accepted.RemoteEndPoint?.ToString() ?? "unknown");
            connection.Start();
            if (!_running) connection.Abort(null);
        }
    }

    private long _acceptOrder;

    // At the connection cap: closes the oldest inbound connection that has not identified itself, so
    // idle or half-open connections cannot lock peers out; false when every connection is identified
    // (the new one is then refused). Accept loop.
    private bool MakeRoom(Socket accepted)
    {
        TcpConnection? oldest = null;
        foreach (var candidate in _all.Keys)
        {
            if (candidate.IsOutbound || candidate.IsIdentified || candidate.IsClosed) continue;
            if (oldest is null || candidate.AcceptOrder < oldest.AcceptOrder) oldest = candidate;
        }
        Statistics.Refused();
        var remote = oldest is null ? accepted.RemoteEndPoint?.ToString() ?? "unknown" : "an unidentified peer";
        SocketTransportLog.ConnectionRefused(Logger, ListenAddress, Options.MaxConnections, remote);
        if (oldest is null) return false;
        oldest.Abort(null);
        return true;
    }

    /// <summary>An inbound connection named its peer: make it the peer's send connection if there is none. Socket loop.</summary>
    internal void OnPeerIdentified(TcpConnection connection) => _byPeer.TryAdd(connection.Peer, connection);

    /// <summary>A connection ended: forget it and report <paramref name="error"/> upward. Any thread.</summary>
    internal void OnConnectionClosed(TcpConnection connection, TransportError? error)
    {
        _all.TryRemove(connection, out _);
        if (connection.WasEstablished) Statistics.Closed();
        var peer = connection.Peer;
        if (peer.IsNone) return;
        _byPeer.TryRemove(new KeyValuePair<NodeAddress, TcpConnection>(peer, connection));
        if (error is { } reported && _running) PostError(peer, reported);
    }

    /// <summary>
    /// Hands the frames of one read to the lane: one post, one event per frame. When the lane is idle
    /// the receive loop runs the turn itself, so the frames are dispatched on the thread that cut
    /// them. Socket loop.
    /// </summary>
    internal void PostBatch(ReceivedBatch batch)
    {
        if (Node.Environment is RealNodeEnvironment real) real.PostAndRun(batch.Run);
        else Node.Environment.Post(batch.Run);
    }

    // Lane: the upper layer's demultiplexer rejecting the payload is the peer's fault, not the node's.
    // A batch learns here, before the call, whether the receiver may keep the payload's bytes.
    internal void Dispatch(TcpConnection? from, ReceivedBatch? batch, NodeAddress source, NodeAddress destination, int registrationId, Payload payload)
    {
        if (!_running) return;
        var receiver = _receivers.Get(registrationId);
        if (receiver is null)
        {
            Statistics.Unroutable();
            SocketTransportLog.Unroutable(Logger, ListenAddress, source, registrationId);
            return;
        }
        if (batch is not null && receiver is not ICopiesReceivedPayloads) batch.BytesMayBeKept = true;
        try
        {
            receiver.Deliver(source, destination, payload);
        }
        catch (MaceFormatException ex)
        {
            Statistics.Malformed();
            SocketTransportLog.MalformedMessage(Logger, ListenAddress, source, registrationId, ex.Message);
            from?.Abort(TransportError.Malformed, ex);
        }
    }

    private void PostError(NodeAddress peer, TransportError error) => Node.Post(() =>
    {
        if (!_running) return;
        foreach (var handler in _errorHandlers.All) handler.Value.Error(peer, error);
    });
}
