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
        var segments = new List<ArraySegment<byte>>();
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
                        Volatile.Write(ref _publishedFrames, 0);
                    }
                }
                if (idle)
                {
                    // TryEnqueue clears _sendIdle and signals once; a completed channel means Abort.
                    if (!await wake.WaitToReadAsync(_closing.Token).ConfigureAwait(false)) return;
                    wake.TryRead(out _);
                    continue;
                }
                for (next = 0; next < taken.Count;)
                {
                    if (_stream is null && next + 1 < taken.Count)
                    {
                        var written = await WriteGatheredAsync(taken, next, segments).ConfigureAwait(false);
                        for (; next < written; next++)
                        {
                            Statistics.Sent(taken[next].Frames, taken[next].Length);
                            taken[next].Release();
                        }
                        continue;
                    }
                    var chunk = taken[next];
                    await WriteAsync(chunk.Array.AsMemory(0, chunk.Length)).ConfigureAwait(false);
                    Statistics.Sent(chunk.Frames, chunk.Length);
                    chunk.Release();
                    next++;
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

    // Writes up to MaxGatheredChunks chunks from taken[first] on with one gathering send (one
    // system call when the socket's buffer takes them all) under the write timeout, and returns the
    // index of the first chunk not written; the caller releases the chunks written. Plain sockets
    // only: a TLS stream has no gathering write. A send that stops short goes on chunk by chunk.
    private async ValueTask<int> WriteGatheredAsync(List<OutboxChunk> taken, int first, List<ArraySegment<byte>> segments)
    {
        var end = Math.Min(taken.Count, first + MaxGatheredChunks);
        segments.Clear();
        for (var i = first; i < end; i++) segments.Add(new ArraySegment<byte>(taken[i].Array, 0, taken[i].Length));
        _writeTimer.CancelAfter(_owner.Options.WriteTimeout);
        var send = _socket.SendAsync(segments, SocketFlags.None);
        int sent;
        try
        {
            sent = await send.WaitAsync(_writeTimer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The send may still hold the chunks: close the connection (reporting the timeout,
            // before the receive loop sees the socket go) and let the send end before the chunks
            // go back to the pool.
            Abort(TransportError.WriteTimeout);
            try
            {
                await send.ConfigureAwait(false);
            }
            catch (Exception ex) when (SocketFailure.IsNetworkFailure(ex))
            {
            }
            throw new OperationCanceledException("write timed out");
        }
        if (!_writeTimer.TryReset()) throw new OperationCanceledException("write timed out");
        for (var i = first; i < end; i++)
        {
            var length = taken[i].Length;
            if (sent < length) await WriteAsync(taken[i].Array.AsMemory(sent, length - sent)).ConfigureAwait(false);
            sent = Math.Max(0, sent - length);
        }
        return end;
    }

    private const int MaxGatheredChunks = 16;

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
