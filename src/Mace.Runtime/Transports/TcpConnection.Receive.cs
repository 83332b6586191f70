using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Mace.Runtime.Serialization;

namespace Mace.Runtime.Transports;

/// <summary>
/// The receive loop: reads into the connection's buffer, cuts length-prefixed frames, checks each
/// length against the maximum before waiting for its body, checks each header, and posts all the
/// well-formed frames of one read to the lane as one <see cref="ReceivedBatch"/>. Any malformed
/// frame (bad length, bad header, truncated at close) is counted and closes the connection; the
/// good frames before it are still delivered.
/// </summary>
/// <remarks>
/// Buffers: a small one per connection while reads are small (thousands of connections may be
/// idle), doubling up to <see cref="MaxReceiveSize"/> while reads fill it, and as large as one frame
/// when a frame is larger, all from <see cref="ArrayPool{T}.Shared"/>. The bytes of a batch's frames
/// leave with the batch: either the buffer itself (when the frames fill most of it; the loop
/// continues in a fresh one) or a copy of them, so payloads handed upward are never overwritten
/// while they may be kept. They go back to the pool only when every frame of the batch went to a
/// receiver that keeps none of it (<see cref="ICopiesReceivedPayloads"/>).
/// </remarks>
internal sealed partial class TcpConnection
{
    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveSize);
        var filled = 0;
        try
        {
            while (true)
            {
                if (!await WaitForLaneAsync().ConfigureAwait(false)) return;
                var space = buffer.Length - filled;
                var received = _stream is { } stream
                    ? await stream.ReadAsync(buffer.AsMemory(filled), _closing.Token).ConfigureAwait(false)
                    : await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _closing.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    if (filled > 0)
                    {
                        Statistics.Malformed();
                        SocketTransportLog.MalformedFrame(Logger, _owner.ListenAddress, PeerText, $"connection closed inside a frame ({filled} bytes pending)");
                    }
                    Abort(TransportError.ReadFailed);
                    return;
                }
                Statistics.Received(received);
                filled += received;
                var batch = TakeBatch();
                var consumed = CutFrames(buffer.AsSpan(0, filled), batch, out var needed, out var malformed);
                var leftover = filled - consumed;
                var nextSize = NextReceiveSize(buffer.Length, received, space, leftover, needed);
                if (batch.Count > 0)
                {
                    byte[] data;
                    if (consumed * 4 >= buffer.Length * 3)
                    {
                        data = buffer;
                        buffer = ArrayPool<byte>.Shared.Rent(nextSize);
                        data.AsSpan(consumed, leftover).CopyTo(buffer);
                    }
                    else
                    {
                        data = ArrayPool<byte>.Shared.Rent(consumed);
                        buffer.AsSpan(0, consumed).CopyTo(data);
                        buffer = Resize(buffer, consumed, leftover, nextSize);
                    }
                    Statistics.FramesReceived(batch.Count);
                    Interlocked.Add(ref _pendingBytes, data.Length);
                    batch.Seal(data);
                    _owner.PostBatch(batch);
                }
                else
                {
                    ReturnBatch(batch);
                    buffer = Resize(buffer, consumed, leftover, nextSize);
                }
                filled = leftover;
                if (malformed is not null)
                {
                    if (_impersonated is { } claimed)
                    {
                        Statistics.Impersonation();
                        SocketTransportLog.Impersonation(Logger, _owner.ListenAddress, PeerText, claimed);
                    }
                    else
                    {
                        Statistics.Malformed();
                        SocketTransportLog.MalformedFrame(Logger, _owner.ListenAddress, PeerText, malformed.Message);
                    }
                    Abort(TransportError.Malformed, malformed);
                    return;
                }
            }
        }
        catch (Exception ex) when (SocketFailure.IsNetworkFailure(ex))
        {
            if (!IsClosed) Abort(TransportError.ReadFailed, ex);
        }
    }

    // Received bytes posted to the lane and not yet dispatched; past MaxPendingReceiveBytes the loop
    // stops reading until the lane has caught up, so a flooding peer is held back by TCP's own flow
    // control instead of growing the lane's queue. _receiveWaiting is 1 while the loop sleeps on it.
    private long _pendingBytes;
    private int _receiveWaiting;
    private NodeAddress? _impersonated;
    private readonly Channel<bool> _receiveWake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    // False when the connection closed while waiting. Receive loop.
    private async ValueTask<bool> WaitForLaneAsync()
    {
        var max = _owner.Options.MaxPendingReceiveBytes;
        while (Interlocked.Read(ref _pendingBytes) > max)
        {
            Volatile.Write(ref _receiveWaiting, 1);
            if (Interlocked.Read(ref _pendingBytes) <= max)
            {
                Volatile.Write(ref _receiveWaiting, 0);
                _receiveWake.Reader.TryRead(out _);
                break;
            }
            Statistics.ReceiveFull();
            if (!await _receiveWake.Reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false)) return false;
            _receiveWake.Reader.TryRead(out _);
        }
        return true;
    }

    /// <summary>The lane dispatched a batch of <paramref name="bytes"/>; wakes the receive loop if it waits for that. Lane.</summary>
    internal void Dispatched(int bytes)
    {
        if (Interlocked.Add(ref _pendingBytes, -bytes) <= _owner.Options.MaxPendingReceiveBytes && Interlocked.Exchange(ref _receiveWaiting, 0) == 1)
        {
            _receiveWake.Writer.TryWrite(true);
        }
    }

    // The size of the buffer for the next read: as large as the frame being waited for; double
    // while reads fill the buffer; back to small once a read was small and what is left fits.
    private static int NextReceiveSize(int current, int received, int space, int leftover, int needed)
    {
        if (needed > current) return needed;
        if (received == space && current < MaxReceiveSize) return Math.Max(needed, Math.Min(current * 2, MaxReceiveSize));
        if (current > InitialReceiveSize && received < InitialReceiveSize && leftover <= InitialReceiveSize && needed <= InitialReceiveSize) return InitialReceiveSize;
        return current;
    }

    // Moves the unconsumed tail to the start of a buffer of the given size (this one, if it is the
    // right size); a buffer replaced goes back to the pool (no batch holds it: its frames were copied).
    private static byte[] Resize(byte[] buffer, int consumed, int leftover, int size)
    {
        var target = size == buffer.Length ? buffer : ArrayPool<byte>.Shared.Rent(size);
        if (leftover > 0 && (consumed > 0 || target != buffer)) buffer.AsSpan(consumed, leftover).CopyTo(target);
        if (target != buffer) ArrayPool<byte>.Shared.Return(buffer);
        return target;
    }

    // Run batches wait in a few slots for reuse, so a receive loop that reads ahead of a busy lane
    // does not build (and grow) a new batch for every read.
    private ReceivedBatch TakeBatch()
    {
        for (var i = 0; i < _spareBatches.Length; i++)
        {
            if (Interlocked.Exchange(ref _spareBatches[i], null) is { } spare) return spare;
        }
        return new ReceivedBatch(_owner, this);
    }

    /// <summary>Gives a run (or unused) batch back for a later read; dropped when every slot is taken. Lane or receive loop.</summary>
    internal void ReturnBatch(ReceivedBatch batch)
    {
        for (var i = 0; i < _spareBatches.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _spareBatches[i], batch, null) is null) return;
        }
    }

    // The encoded bytes of the last header read on this connection and what they decoded to: the
    // frames of a stream from one peer to one service repeat the same header, so a frame whose header
    // bytes are identical is known well-formed (and from the identified peer) without decoding it.
    private byte[] _lastHeaderBytes = [];
    private int _lastHeaderLength;
    private FrameHeader _lastHeader;

    private void RememberHeader(in FrameHeader header, ReadOnlySpan<byte> encoded)
    {
        if (_lastHeaderBytes.Length < encoded.Length) _lastHeaderBytes = new byte[encoded.Length];
        encoded.CopyTo(_lastHeaderBytes);
        _lastHeaderLength = encoded.Length;
        _lastHeader = header;
    }

    // Adds every whole, well-formed frame in data to the batch; returns the bytes they span. needed is
    // the size of the incomplete frame at the end, if any; malformed is set when a frame was bad
    // (the frames before it are in the batch, and nothing after it is read).
    private int CutFrames(ReadOnlySpan<byte> data, ReceivedBatch batch, out int needed, out MaceFormatException? malformed)
    {
        needed = 0;
        malformed = null;
        var offset = 0;
        try
        {
            while (data.Length - offset >= FrameCodec.LengthPrefixSize)
            {
                var bodyLength = FrameCodec.ReadLengthPrefix(data.Slice(offset, FrameCodec.LengthPrefixSize), _owner.Options.MaxFrameSize);
                var frameLength = FrameCodec.LengthPrefixSize + bodyLength;
                if (data.Length - offset < frameLength)
                {
                    needed = frameLength;
                    break;
                }
                var bodyStart = offset + FrameCodec.LengthPrefixSize;
                var body = data.Slice(bodyStart, bodyLength);
                var headerLength = _lastHeaderLength;
                if (headerLength == 0 || bodyLength < headerLength || !body[..headerLength].SequenceEqual(_lastHeaderBytes.AsSpan(0, headerLength)))
                {
                    var header = FrameCodec.ReadHeader(body, out var payload);
                    if (header.Source.Kind != NodeAddressKind.IPv4) throw new MaceFormatException($"frame source {header.Source} is not an IPv4 address", 2);
                    if (_authenticated is { } names && !names.Contains(header.Source))
                    {
                        _impersonated = header.Source;
                        throw new MaceFormatException($"frame source {header.Source} is not named by the peer's certificate", 2);
                    }
                    if (!Identify(header.Source, out var first)) throw new MaceFormatException($"frame source {header.Source} differs from the connection's peer {Peer}", 2);
                    if (first)
                    {
                        EndHandshakeDeadline();
                        _owner.OnPeerIdentified(this);
                    }
                    headerLength = bodyLength - payload.Length;
                    RememberHeader(header, body[..headerLength]);
                }
                batch.Add(_lastHeader, bodyStart + headerLength, bodyLength - headerLength);
                offset += frameLength;
            }
        }
        catch (MaceFormatException ex)
        {
            malformed = ex;
        }
        return offset;
    }
}
