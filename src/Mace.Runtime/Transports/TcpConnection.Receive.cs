using System.Buffers;
using System.Net.Sockets;
using Mace.Runtime.Serialization;

namespace Mace.Runtime.Transports;

/// <summary>
/// The receive loop: reads into a pooled buffer, cuts length-prefixed frames, checks each length
/// against the maximum before waiting for its body, and posts well-formed frames to the lane. Any
/// malformed frame (bad length, bad header, truncated at close) is counted and closes the connection.
/// </summary>
internal sealed partial class TcpConnection
{
    private async Task ReceiveLoopAsync()
    {
        // A small private buffer per connection (thousands may be idle); frames larger than it are
        // read into a pooled one that goes back once drained.
        var small = new byte[InitialReceiveSize];
        var buffer = small;
        var filled = 0;
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _closing.Token).ConfigureAwait(false);
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
                var consumed = CutFrames(buffer.AsSpan(0, filled), out var needed);
                if (consumed < 0) return;
                filled -= consumed;
                if (filled > 0 && consumed > 0) buffer.AsSpan(consumed, filled).CopyTo(buffer);
                if (needed > buffer.Length || filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    if (buffer != small) ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else if (buffer != small && filled <= small.Length)
                {
                    buffer.AsSpan(0, filled).CopyTo(small);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = small;
                }
            }
        }
        catch (Exception ex) when (SocketFailure.IsNetworkFailure(ex))
        {
            if (!IsClosed) Abort(TransportError.ReadFailed, ex);
        }
        finally
        {
            if (buffer != small) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Handles every whole frame in data; returns the bytes consumed, or -1 after a malformed frame
    // closed the connection. needed is the size of the incomplete frame at the end, if any.
    private int CutFrames(ReadOnlySpan<byte> data, out int needed)
    {
        needed = 0;
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
                HandleFrame(data.Slice(offset + FrameCodec.LengthPrefixSize, bodyLength));
                offset += frameLength;
            }
            return offset;
        }
        catch (MaceFormatException ex)
        {
            Statistics.Malformed();
            SocketTransportLog.MalformedFrame(Logger, _owner.ListenAddress, PeerText, ex.Message);
            Abort(TransportError.Malformed, ex);
            return -1;
        }
    }

    private void HandleFrame(ReadOnlySpan<byte> body)
    {
        var header = FrameCodec.ReadHeader(body, out var payload);
        if (header.Source.Kind != NodeAddressKind.IPv4) throw new MaceFormatException($"frame source {header.Source} is not an IPv4 address", 2);
        if (!Identify(header.Source, out var first)) throw new MaceFormatException($"frame source {header.Source} differs from the connection's peer {Peer}", 2);
        Statistics.FrameReceived();
        if (first) _owner.OnPeerIdentified(this);
        _owner.PostDelivery(this, header, payload.ToArray());
    }
}
