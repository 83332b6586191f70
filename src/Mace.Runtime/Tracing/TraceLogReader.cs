using System.Text;

namespace Mace.Runtime.Tracing;

/// <summary>A trace log file that cannot be read: names the file, the byte offset and the cause.</summary>
public sealed class TraceLogFormatException(string message) : Exception(message);

/// <summary>
/// One record read from a trace log, with its node as written (an address in text), its node's
/// event number (records of one event share it) and, for a delivery, the sending node and event.
/// </summary>
public readonly record struct TraceLogRecord(DateTime Time, string Node, string Service, string Event, string? Details, string? State,
    long EventId = 0, string? CauseNode = null, long CauseEvent = 0)
{
    /// <summary>The causal path the event is on (a W3C trace id, 32 hex digits); null when none or in a version 1 log.</summary>
    public string? Path { get; init; }

    /// <summary>When the event ended (its end entry); null when the log has none for it (version 1, or its writer was killed first).</summary>
    public DateTime? End { get; init; }

    /// <summary>How long the event ran (end minus start); null without an end.</summary>
    public TimeSpan? Duration => End is { } end ? end - Time : null;
}

/// <summary>
/// Reads trace logs written by <see cref="TraceLogWriter"/>, streaming: records come out in file
/// order without loading the file. After the enumeration ends, <see cref="Truncated"/> says whether
/// the file stopped inside an entry (its writer was killed mid-write).
/// </summary>
public sealed class TraceLogReader : IDisposable
{
    private readonly Stream _stream;
    private readonly string _name;
    private readonly List<string> _names = [];
    private long _offset;

    private TraceLogReader(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
    }

    /// <summary>The file's format version.</summary>
    public byte Version { get; private init; }

    /// <summary>True when the file ended inside an entry; the records before it were read.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Opens <paramref name="path"/> and checks its header.</summary>
    /// <exception cref="TraceLogFormatException">Not a trace log, or a version this library does not read.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static TraceLogReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 64 * 1024);
        try
        {
            return Open(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a log from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="TraceLogFormatException">Not a trace log, or a version this library does not read.</exception>
    public static TraceLogReader Open(Stream stream, string name)
    {
        Span<byte> header = stackalloc byte[8];
        var read = stream.ReadAtLeast(header, 8, throwOnEndOfStream: false);
        var magic = TraceLogFormat.Magic;
        if (read < 8 || !header[..7].SequenceEqual(magic[..7]))
        {
            throw new TraceLogFormatException($"{name}: not a Mace trace log (the file does not start with MACELOG)");
        }
        if (header[7] < TraceLogFormat.OldestReadableVersion || header[7] > TraceLogFormat.Version)
        {
            throw new TraceLogFormatException($"{name}: trace log version {header[7]}; this mace reads versions {TraceLogFormat.OldestReadableVersion} to {TraceLogFormat.Version}");
        }
        return new TraceLogReader(stream, name) { _offset = 8, Version = header[7] };
    }

    /// <summary>Every record of the file at <paramref name="path"/>, and whether it was cut short.</summary>
    /// <exception cref="TraceLogFormatException">The file is not a trace log or is corrupt.</exception>
    public static (List<TraceLogRecord> Records, bool Truncated) ReadAll(string path)
    {
        using var reader = Open(path);
        var records = new List<TraceLogRecord>();
        var ends = new Dictionary<(string Node, long Event), DateTime>();
        foreach (var entry in reader.Entries())
        {
            if (entry.IsEnd) ends[(entry.Record.Node, entry.Record.EventId)] = entry.Record.Time;
            else records.Add(entry.Record);
        }
        if (ends.Count > 0)
        {
            for (var i = 0; i < records.Count; i++)
            {
                if (ends.TryGetValue((records[i].Node, records[i].EventId), out var end)) records[i] = records[i] with { End = end };
            }
        }
        return (records, reader.Truncated);
    }

    /// <summary>The records in file order (their <see cref="TraceLogRecord.End"/> unset: <see cref="ReadAll"/> joins the ends).</summary>
    /// <exception cref="TraceLogFormatException">An entry is corrupt (an unknown tag, a name number never defined, an absurd length).</exception>
    public IEnumerable<TraceLogRecord> Records()
    {
        foreach (var entry in Entries())
        {
            if (!entry.IsEnd) yield return entry.Record;
        }
    }

    /// <summary>
    /// Every event and end entry in file order. An end entry comes as a record with only its
    /// <see cref="TraceLogRecord.Time"/> (the end), <see cref="TraceLogRecord.Node"/> and
    /// <see cref="TraceLogRecord.EventId"/> set, and <c>IsEnd</c> true; it follows the event's records.
    /// </summary>
    /// <exception cref="TraceLogFormatException">An entry is corrupt (an unknown tag, a name number never defined, an absurd length).</exception>
    public IEnumerable<(TraceLogRecord Record, bool IsEnd)> Entries()
    {
        long ticks = 0;
        while (true)
        {
            var start = _offset;
            var tag = _stream.ReadByte();
            if (tag < 0) yield break;
            _offset++;
            TraceLogRecord record;
            bool ended;
            try
            {
                if (tag == TraceLogFormat.NameTag)
                {
                    _names.Add(ReadText(allowNone: false)!);
                    continue;
                }
                var isEnd = tag == TraceLogFormat.EndTag && Version >= 2;
                if (tag != TraceLogFormat.EventTag && !isEnd) throw Corrupt(start, $"unknown entry tag {tag}");
                var delta = (long)ReadVarint();
                ticks += (delta >>> 1) ^ -(delta & 1);
                if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) throw Corrupt(start, "a time outside the calendar");
                if (isEnd)
                {
                    var endNode = NameAt(start);
                    record = new TraceLogRecord(new DateTime(ticks, DateTimeKind.Utc), endNode, string.Empty, string.Empty, null, null, (long)ReadVarint());
                    ended = true;
                    goto emit;
                }
                var (node, service, name) = (NameAt(start), NameAt(start), NameAt(start));
                var eventId = (long)ReadVarint();
                var causeNumber = ReadVarint();
                string? causeNode = null;
                long causeEvent = 0;
                if (causeNumber > 0)
                {
                    causeNode = causeNumber <= (ulong)_names.Count ? _names[(int)(causeNumber - 1)] : throw Corrupt(start, $"cause name number {causeNumber - 1} is not defined (only {_names.Count} are)");
                    causeEvent = (long)ReadVarint();
                }
                var details = ReadText(allowNone: true);
                var state = ReadText(allowNone: true);
                string? path = null;
                if (Version >= 2)
                {
                    var hasPath = ReadByteOrEnd();
                    if (hasPath == 1) path = Convert.ToHexStringLower(ReadBytes(16));
                    else if (hasPath != 0) throw Corrupt(start, $"a path marker {hasPath} (0 or 1 expected)");
                }
                record = new TraceLogRecord(new DateTime(ticks, DateTimeKind.Utc), node, service, name, details, state, eventId, causeNode, causeEvent) { Path = path };
                ended = false;
            }
            catch (EndOfStreamException)
            {
                Truncated = true;
                yield break;
            }
            emit:
            yield return (record, ended);
        }
    }

    public void Dispose() => _stream.Dispose();

    private string NameAt(long entry)
    {
        var id = ReadVarint();
        return id < (ulong)_names.Count ? _names[(int)id] : throw Corrupt(entry, $"name number {id} is not defined (only {_names.Count} are)");
    }

    private string? ReadText(bool allowNone)
    {
        var start = _offset;
        var length = ReadVarint();
        if (allowNone)
        {
            if (length == 0) return null;
            length--;
        }
        if (length > TraceLogFormat.MaxTextBytes) throw Corrupt(start, $"a text of {length} bytes (the most is {TraceLogFormat.MaxTextBytes})");
        if (_stream.CanSeek && (long)length > _stream.Length - _stream.Position) throw new EndOfStreamException();
        var bytes = new byte[(int)length];
        if (_stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length) throw new EndOfStreamException();
        _offset += bytes.Length;
        return Encoding.UTF8.GetString(bytes);
    }

    private int ReadByteOrEnd()
    {
        var b = _stream.ReadByte();
        if (b < 0) throw new EndOfStreamException();
        _offset++;
        return b;
    }

    private byte[] ReadBytes(int count)
    {
        var bytes = new byte[count];
        if (_stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false) < count) throw new EndOfStreamException();
        _offset += count;
        return bytes;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _stream.ReadByte();
            if (b < 0) throw new EndOfStreamException();
            _offset++;
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw Corrupt(_offset, "a number longer than 64 bits");
    }

    private TraceLogFormatException Corrupt(long offset, string cause) => new($"{_name}: corrupt trace log at byte {offset}: {cause}");
}
