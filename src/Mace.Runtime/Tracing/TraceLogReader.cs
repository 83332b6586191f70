using System.Text;

namespace Mace.Runtime.Tracing;

/// <summary>A trace log file that cannot be read: names the file, the byte offset and the cause.</summary>
public sealed class TraceLogFormatException(string message) : Exception(message);

/// <summary>
/// One record read from a trace log, with its node as written (an address in text), its node's
/// event number (records of one event share it) and, for a delivery, the sending node and event.
/// </summary>
public readonly record struct TraceLogRecord(DateTime Time, string Node, string Service, string Event, string? Details, string? State,
    long EventId = 0, string? CauseNode = null, long CauseEvent = 0);

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
        if (header[7] != TraceLogFormat.Version)
        {
            throw new TraceLogFormatException($"{name}: trace log version {header[7]}; this mace reads version {TraceLogFormat.Version}");
        }
        return new TraceLogReader(stream, name) { _offset = 8 };
    }

    /// <summary>Every record of the file at <paramref name="path"/>, and whether it was cut short.</summary>
    /// <exception cref="TraceLogFormatException">The file is not a trace log or is corrupt.</exception>
    public static (List<TraceLogRecord> Records, bool Truncated) ReadAll(string path)
    {
        using var reader = Open(path);
        var records = reader.Records().ToList();
        return (records, reader.Truncated);
    }

    /// <summary>The records in file order.</summary>
    /// <exception cref="TraceLogFormatException">An entry is corrupt (an unknown tag, a name number never defined, an absurd length).</exception>
    public IEnumerable<TraceLogRecord> Records()
    {
        long ticks = 0;
        while (true)
        {
            var start = _offset;
            var tag = _stream.ReadByte();
            if (tag < 0) yield break;
            _offset++;
            TraceLogRecord record;
            try
            {
                if (tag == TraceLogFormat.NameTag)
                {
                    _names.Add(ReadText(allowNone: false)!);
                    continue;
                }
                if (tag != TraceLogFormat.EventTag) throw Corrupt(start, $"unknown entry tag {tag}");
                var delta = (long)ReadVarint();
                ticks += (delta >>> 1) ^ -(delta & 1);
                if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) throw Corrupt(start, "a time outside the calendar");
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
                record = new TraceLogRecord(new DateTime(ticks, DateTimeKind.Utc), node, service, name, ReadText(allowNone: true), ReadText(allowNone: true), eventId, causeNode, causeEvent);
            }
            catch (EndOfStreamException)
            {
                Truncated = true;
                yield break;
            }
            yield return record;
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
