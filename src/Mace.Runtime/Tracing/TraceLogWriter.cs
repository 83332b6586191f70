using System.Text;

namespace Mace.Runtime.Tracing;

/// <summary>
/// Writes trace records to a trace log: an append-only binary file (format in docs/analysis.md).
/// One writer serves one node (a real node) or many (every node of a simulation); names of nodes,
/// services and events are written once and then referred to by number, times as deltas.
/// Set it as <see cref="Node.TraceSink"/>. Calls come from node lanes; a lock keeps records whole
/// when several lanes share a writer. Records are buffered (64 KiB) and reach the file on
/// <see cref="Flush"/>, when the buffer fills, and on <see cref="Dispose"/>.
/// </summary>
public sealed class TraceLogWriter : ITraceSink, IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private byte[] _buffer = new byte[256];
    private long _previousTicks;
    private bool _disposed;
    // The event each node last wrote a record for: only those events get an end entry.
    private readonly Dictionary<NodeAddress, long> _openEvents = [];

    /// <summary>Writes a new log to <paramref name="stream"/> (the header first).</summary>
    public TraceLogWriter(Stream stream, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _stream.Write(TraceLogFormat.Magic);
    }

    /// <summary>The records written so far.</summary>
    public long Records { get; private set; }

    /// <summary>Creates (or replaces) the log file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be created.</exception>
    public static TraceLogWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024), ownsStream: true);

    /// <inheritdoc/>
    public void Record(in TraceRecord record)
    {
        lock (_gate)
        {
            if (_disposed) return;
            var node = Name(record.Node.ToString());
            var service = Name(record.Service);
            var name = Name(record.Event);
            var cause = record.Cause.IsNone ? -1 : Name(record.Cause.Node.ToString());
            var ticks = record.Time.Ticks;
            var length = 0;
            Ensure(1 + 8 * 10 + 17 + Text(record.Details) + Text(record.State));
            _buffer[length++] = TraceLogFormat.EventTag;
            length = WriteVarint(ZigZag(ticks - _previousTicks), length);
            length = WriteVarint((ulong)node, length);
            length = WriteVarint((ulong)service, length);
            length = WriteVarint((ulong)name, length);
            length = WriteVarint((ulong)record.EventId, length);
            length = WriteVarint((ulong)(cause + 1), length);
            if (cause >= 0) length = WriteVarint((ulong)record.Cause.Event, length);
            length = WriteText(record.Details, length);
            length = WriteText(record.State, length);
            if (record.Path == default)
            {
                _buffer[length++] = 0;
            }
            else
            {
                _buffer[length++] = 1;
                record.Path.CopyTo(_buffer.AsSpan(length, 16));
                length += 16;
            }
            _stream.Write(_buffer, 0, length);
            _previousTicks = ticks;
            _openEvents[record.Node] = record.EventId;
            Records++;
        }
    }

    /// <inheritdoc/>
    public void EndEvent(NodeAddress node, long eventId, DateTime time)
    {
        lock (_gate)
        {
            if (_disposed || !_openEvents.TryGetValue(node, out var open) || open != eventId) return;
            _openEvents.Remove(node);
            var name = Name(node.ToString());
            Ensure(1 + 3 * 10);
            var length = 0;
            _buffer[length++] = TraceLogFormat.EndTag;
            length = WriteVarint(ZigZag(time.Ticks - _previousTicks), length);
            length = WriteVarint((ulong)name, length);
            length = WriteVarint((ulong)eventId, length);
            _stream.Write(_buffer, 0, length);
            _previousTicks = time.Ticks;
        }
    }

    /// <summary>Writes the buffered records to the file.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed) _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stream.Flush();
            if (_ownsStream) _stream.Dispose();
        }
    }

    // A name's number; a name seen for the first time is written as a name entry first.
    private int Name(string name)
    {
        if (_names.TryGetValue(name, out var id)) return id;
        id = _names.Count;
        _names[name] = id;
        var bytes = Encoding.UTF8.GetByteCount(name);
        Ensure(1 + 10 + bytes);
        var length = 0;
        _buffer[length++] = TraceLogFormat.NameTag;
        length = WriteVarint((ulong)bytes, length);
        length += Encoding.UTF8.GetBytes(name, _buffer.AsSpan(length));
        _stream.Write(_buffer, 0, length);
        return id;
    }

    private static int Text(string? text) => text is null ? 0 : 10 + Encoding.UTF8.GetMaxByteCount(text.Length);

    // Text is its UTF-8 length plus one (zero for none), then the bytes.
    private int WriteText(string? text, int at)
    {
        if (text is null) return WriteVarint(0, at);
        var bytes = Encoding.UTF8.GetByteCount(text);
        at = WriteVarint((ulong)bytes + 1, at);
        return at + Encoding.UTF8.GetBytes(text, _buffer.AsSpan(at));
    }

    private int WriteVarint(ulong value, int at)
    {
        while (value >= 0x80)
        {
            _buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[at++] = (byte)value;
        return at;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void Ensure(int bytes)
    {
        if (_buffer.Length < bytes) _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
    }
}
