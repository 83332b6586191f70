using System.Net.Sockets;

namespace Mace.Runtime.Transports;

/// <summary>
/// The send loop: takes everything the lane queued since it last looked (the outbox's chunks),
/// writes each chunk in one socket write under the write timeout, and sleeps when there is nothing.
/// </summary>
internal sealed partial class TcpConnection
{
    private async Task SendLoopAsync()
    {
        var wake = _sendWake.Reader;
        var taken = new List<OutboxChunk>();
        var next = 0;
        try
        {
            while (true)
            {
                bool idle;
                lock (_sendLock)
                {
                    if (IsClosed) return;
                    idle = _outbox.Frames == 0;
                    if (idle)
                    {
                        _sendIdle = true;
                        _outbox.ResetGrowth();
                    }
                    else
                    {
                        _outbox.TakeAll(taken);
                    }
                }
                if (idle)
                {
                    // TryEnqueue clears _sendIdle and signals once; a completed channel means Abort.
                    if (!await wake.WaitToReadAsync(_closing.Token).ConfigureAwait(false)) return;
                    wake.TryRead(out _);
                    continue;
                }
                for (next = 0; next < taken.Count; next++)
                {
                    var chunk = taken[next];
                    await WriteAsync(chunk.Array.AsMemory(0, chunk.Length)).ConfigureAwait(false);
                    Statistics.Sent(chunk.Frames, chunk.Length);
                    chunk.Release();
                }
                taken.Clear();
                next = 0;
            }
        }
        catch (Exception ex) when (SocketFailure.IsNetworkFailure(ex))
        {
            if (!IsClosed) Abort(ex is OperationCanceledException ? TransportError.WriteTimeout : TransportError.WriteFailed, ex);
        }
        finally
        {
            // Chunks taken and not yet written: their frames are lost with the connection.
            var unsent = 0;
            for (; next < taken.Count; next++)
            {
                unsent += taken[next].Frames;
                taken[next].Release();
            }
            if (unsent > 0) Statistics.SendDroppedBy(unsent);
        }
    }

    // Only the send loop touches _writeTimer, so resetting it between writes is race-free.
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        _writeTimer.CancelAfter(_owner.Options.WriteTimeout);
        if (_stream is { } stream)
        {
            await stream.WriteAsync(bytes, _writeTimer.Token).ConfigureAwait(false);
            bytes = default;
        }
        while (bytes.Length > 0)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, _writeTimer.Token).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
        if (!_writeTimer.TryReset()) throw new OperationCanceledException("write timed out");
    }
}
