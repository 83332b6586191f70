using System.Buffers;
using System.Net.Sockets;

namespace Mace.Runtime.Transports;

/// <summary>The send loop: drains the queue, coalescing small frames into one write, each write under the write timeout.</summary>
internal sealed partial class TcpConnection
{
    private async Task SendLoopAsync()
    {
        var reader = _sendQueue.Reader;
        byte[]? batch = null;
        var carry = default(OutgoingFrame);
        var hasCarry = false;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                // The coalescing buffer is held only while there is something to send.
                batch = ArrayPool<byte>.Shared.Rent(CoalesceSize);
                while (true)
                {
                    var used = 0;
                    var frames = 0;
                    while (true)
                    {
                        OutgoingFrame frame;
                        if (hasCarry)
                        {
                            frame = carry;
                            hasCarry = false;
                        }
                        else if (!reader.TryRead(out frame))
                        {
                            break;
                        }
                        if (frame.Length > batch.Length)
                        {
                            if (used > 0)
                            {
                                await WriteAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
                                Statistics.Sent(frames, used);
                                used = 0;
                                frames = 0;
                            }
                            try
                            {
                                await WriteAsync(frame.Memory).ConfigureAwait(false);
                            }
                            finally
                            {
                                frame.Release();
                            }
                            Statistics.Sent(1, frame.Length);
                            continue;
                        }
                        if (used + frame.Length > batch.Length)
                        {
                            carry = frame;
                            hasCarry = true;
                            break;
                        }
                        frame.Memory.Span.CopyTo(batch.AsSpan(used));
                        used += frame.Length;
                        frames++;
                        frame.Release();
                    }
                    if (used > 0)
                    {
                        await WriteAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
                        Statistics.Sent(frames, used);
                    }
                    if (!hasCarry) break;
                }
                ArrayPool<byte>.Shared.Return(batch);
                batch = null;
            }
        }
        catch (Exception ex) when (SocketFailure.IsNetworkFailure(ex))
        {
            if (!IsClosed) Abort(ex is OperationCanceledException ? TransportError.WriteTimeout : TransportError.WriteFailed, ex);
        }
        finally
        {
            if (hasCarry)
            {
                carry.Release();
                Statistics.SendDroppedBy(1);
            }
            if (batch is not null) ArrayPool<byte>.Shared.Return(batch);
        }
    }

    // Only the send loop touches _writeTimer, so resetting it between writes is race-free.
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        _writeTimer.CancelAfter(_owner.Options.WriteTimeout);
        while (bytes.Length > 0)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, _writeTimer.Token).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
        if (!_writeTimer.TryReset()) throw new OperationCanceledException("write timed out");
    }
}
