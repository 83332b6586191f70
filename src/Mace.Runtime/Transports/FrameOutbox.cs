using System.Buffers;
using System.Buffers.Binary;

namespace Mace.Runtime.Transports;

/// <summary>
/// The frames queued on one connection and not yet taken by its send loop, packed back to back in
/// pooled chunks: the lane appends each frame to the current chunk, the send loop takes every chunk
/// at once and writes each in one socket write. No frame is split across chunks.
/// </summary>
/// <remarks>
/// <para>A frame arrives either whole (<see cref="Append"/>) or is encoded in place: between
/// <see cref="BeginFrame"/> and <see cref="EndFrame"/> the outbox is the encoder's
/// <see cref="IBufferWriter{T}"/>, moving the frame so far to a larger chunk when it outgrows the
/// current one, and <see cref="AbandonFrame"/> takes back a frame that failed or was too large.</para>
/// <para>Chunks start small (an idle connection holds none; one that sends a message now and then holds
/// a small one while it waits) and double while a burst fills them, up to <see cref="MaxChunkSize"/>
/// or one frame. Not thread-safe: the connection guards it with its send lock.</para>
/// </remarks>
internal sealed class FrameOutbox : IBufferWriter<byte>
{
    private const int MinChunkSize = 4 * 1024;
    private const int MaxChunkSize = 64 * 1024;

    private readonly Queue<OutboxChunk> _sealed = new();
    private byte[]? _current;
    private int _used;
    private int _currentFrames;
    private int _nextSize = MinChunkSize;
    private int _frameStart = -1;

    /// <summary>Frames in the outbox.</summary>
    public int Frames { get; private set; }

    /// <summary>Appends one whole frame (prefix included).</summary>
    public void Append(ReadOnlySpan<byte> frame)
    {
        Ensure(frame.Length);
        frame.CopyTo(_current.AsSpan(_used));
        _used += frame.Length;
        _currentFrames++;
        Frames++;
    }

    /// <summary>Starts a frame encoded in place; end it with <see cref="EndFrame"/> or <see cref="AbandonFrame"/>.</summary>
    public void BeginFrame()
    {
        Ensure(FrameCodec.LengthPrefixSize);
        _frameStart = _used;
    }

    /// <summary>The frame begun is complete: writes its length prefix and returns its total size.</summary>
    public int EndFrame()
    {
        var size = _used - _frameStart;
        BinaryPrimitives.WriteUInt32LittleEndian(_current.AsSpan(_frameStart), (uint)(size - FrameCodec.LengthPrefixSize));
        _frameStart = -1;
        _currentFrames++;
        Frames++;
        return size;
    }

    /// <summary>The size so far of the frame begun.</summary>
    public int FrameSize => _used - _frameStart;

    /// <summary>Drops the frame begun, as if it had never been written.</summary>
    public void AbandonFrame()
    {
        _used = _frameStart;
        _frameStart = -1;
    }

    /// <inheritdoc/>
    public void Advance(int count) => _used += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _current.AsMemory(_used);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _current.AsSpan(_used);
    }

    // Room for size more bytes in the current chunk; a frame in progress moves along to a new chunk.
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_current))]
    private void Ensure(int size)
    {
        if (_current is not null && _current.Length - _used >= size) return;
        var partial = _frameStart < 0 ? 0 : _used - _frameStart;
        if (_current is not null) _nextSize = Math.Min(_nextSize * 2, MaxChunkSize);
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_nextSize, partial + size));
        if (_current is not null)
        {
            _current.AsSpan(_used - partial, partial).CopyTo(next);
            _used -= partial;
            Seal();
        }
        _current = next;
        _used = partial;
        if (_frameStart >= 0) _frameStart = 0;
    }

    /// <summary>Moves every chunk, in order, to <paramref name="taken"/>; whoever holds them returns their arrays to the pool.</summary>
    public void TakeAll(List<OutboxChunk> taken)
    {
        Seal();
        while (_sealed.TryDequeue(out var chunk)) taken.Add(chunk);
        Frames = 0;
    }

    /// <summary>True when a chunk was filled and sealed since the last <see cref="MoveTo"/>.</summary>
    public bool HasSealed => _sealed.Count > 0;

    /// <summary>
    /// Moves every whole frame, in order, to the end of <paramref name="target"/>: the sealed chunks
    /// as they are, and (with <paramref name="includeCurrent"/>) the current one too; a current chunk
    /// holding little is copied into the target's own current chunk instead, and this outbox keeps
    /// its array for the next frames. No frame may be begun.
    /// </summary>
    public void MoveTo(FrameOutbox target, bool includeCurrent)
    {
        if (_sealed.Count > 0)
        {
            target.Seal();
            while (_sealed.TryDequeue(out var chunk))
            {
                target._sealed.Enqueue(chunk);
                target.Frames += chunk.Frames;
                Frames -= chunk.Frames;
            }
        }
        if (!includeCurrent || _currentFrames == 0) return;
        if (_used <= SmallMoveSize)
        {
            target.Ensure(_used);
            _current!.AsSpan(0, _used).CopyTo(target._current.AsSpan(target._used));
            target._used += _used;
            target._currentFrames += _currentFrames;
            target.Frames += _currentFrames;
            Frames -= _currentFrames;
            _used = 0;
            _currentFrames = 0;
            return;
        }
        Seal();
        target.Seal();
        while (_sealed.TryDequeue(out var chunk))
        {
            target._sealed.Enqueue(chunk);
            target.Frames += chunk.Frames;
            Frames -= chunk.Frames;
        }
    }

    // A current chunk with at most this many bytes is copied, not handed over, by MoveTo.
    private const int SmallMoveSize = 1024;

    /// <summary>The outbox was drained: the next chunk starts small again.</summary>
    public void ResetGrowth() => _nextSize = MinChunkSize;

    /// <summary>Drops every frame, returning the chunks to the pool; returns how many frames were dropped.</summary>
    public int Clear()
    {
        Seal();
        while (_sealed.TryDequeue(out var chunk)) chunk.Release();
        var dropped = Frames;
        Frames = 0;
        _nextSize = MinChunkSize;
        return dropped;
    }

    private void Seal()
    {
        if (_current is null) return;
        if (_currentFrames > 0) _sealed.Enqueue(new OutboxChunk(_current, _used, _currentFrames));
        else ArrayPool<byte>.Shared.Return(_current);
        _current = null;
        _used = 0;
        _currentFrames = 0;
    }
}

/// <summary><paramref name="Length"/> bytes of whole frames (<paramref name="Frames"/> of them) at the start of a pooled <paramref name="Array"/>.</summary>
internal readonly record struct OutboxChunk(byte[] Array, int Length, int Frames)
{
    /// <summary>Returns the array to the pool; the chunk must not be used afterwards.</summary>
    public void Release() => ArrayPool<byte>.Shared.Return(Array);
}
