using System.Buffers;

namespace Mace.Checking.Execution;

/// <summary>
/// Append-only storage for the bytes of messages in flight. A message is written once, at send, and
/// handed to its receiver as a slice; nothing is overwritten until <see cref="Reset"/>, which the
/// world calls only when it rebuilds every node (so no live service can still hold a slice).
/// </summary>
internal sealed class MessageArena : IBufferWriter<byte>
{
    private byte[] _chunk = new byte[64 * 1024];
    private int _start;
    private int _position;

    /// <summary>Forgets every message; the current chunk is reused.</summary>
    public void Reset()
    {
        _start = 0;
        _position = 0;
    }

    /// <summary>A position in the arena to <see cref="Rewind"/> to.</summary>
    internal readonly record struct Mark(byte[] Chunk, int Position);

    /// <summary>The current position (no message may be open).</summary>
    public Mark Current => new(_chunk, _position);

    /// <summary>
    /// Forgets the messages committed after <paramref name="mark"/>: only for a restored snapshot,
    /// when nothing live can hold them. Does nothing if the chunk was replaced since.
    /// </summary>
    public void Rewind(Mark mark)
    {
        if (!ReferenceEquals(mark.Chunk, _chunk) || _start != _position || mark.Position > _position) return;
        _start = mark.Position;
        _position = mark.Position;
    }

    /// <summary>Closes the message written since the last commit and returns its bytes.</summary>
    public ReadOnlyMemory<byte> Commit()
    {
        var bytes = new ReadOnlyMemory<byte>(_chunk, _start, _position - _start);
        _start = _position;
        return bytes;
    }

    /// <inheritdoc/>
    public void Advance(int count) => _position += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.AsMemory(_position);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.AsSpan(_position);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_chunk.Length - _position >= sizeHint) return;

        // Earlier messages keep the old chunk alive through their slices; the open one moves.
        var open = _position - _start;
        var next = new byte[Math.Max(_chunk.Length * 2, (open + sizeHint) * 2)];
        _chunk.AsSpan(_start, open).CopyTo(next);
        _chunk = next;
        _start = 0;
        _position = open;
    }
}
