namespace Mace.Runtime.Tracing;

/// <summary>
/// The trace log file format, version 2 (docs/analysis.md; version 1 files, without paths and end
/// entries, are still read). A file is the 8-byte header
/// <c>MACELOG</c> + version byte, then entries, each a tag byte and its fields:
/// <list type="table">
/// <item><term><c>1</c> name</term><description>length (varint), UTF-8 bytes; names are numbered 0, 1, 2, ... in order of appearance</description></item>
/// <item><term><c>2</c> event</term><description>time delta from the previous event in ticks (zigzag varint), node, service and event name numbers (varints), the node's event number (varint), the cause's node name number plus one (zero for none) and, when there is one, the cause's event number, then details and state (each a varint of UTF-8 length plus one, zero for none, then the bytes); version 2 then adds the path: a byte 0 for none, or 1 and the 16 bytes of its trace id</description></item>
/// <item><term><c>3</c> end (version 2)</term><description>the end of an event that wrote event entries: time delta (as for events, from the previous event or end entry), node name number, the node's event number</description></item>
/// </list>
/// Readers stop at an unknown tag with an error naming the offset; a file cut short inside its
/// last entry (a process killed mid-write) reads as every entry before the cut, flagged truncated.
/// </summary>
public static class TraceLogFormat
{
    /// <summary>The version this library writes and reads.</summary>
    public const byte Version = 2;

    /// <summary>The oldest version this library reads.</summary>
    public const byte OldestReadableVersion = 1;

    /// <summary>A name entry.</summary>
    public const byte NameTag = 1;

    /// <summary>An event entry.</summary>
    public const byte EventTag = 2;

    /// <summary>An event's end (version 2).</summary>
    public const byte EndTag = 3;

    /// <summary>The longest name, details or state text a reader accepts.</summary>
    public const int MaxTextBytes = 16 * 1024 * 1024;

    /// <summary>The file header: "MACELOG" and the version.</summary>
    public static ReadOnlySpan<byte> Magic => "MACELOG\u0002"u8;
}
