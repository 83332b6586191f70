using System.Buffers.Binary;
using System.Diagnostics;

namespace Mace.Runtime.Transports;

/// <summary>
/// The trace context of a frame, with the sizes and meaning of W3C Trace Context
/// (<c>traceparent</c>): a 16-byte trace id (the causal path the message belongs to; zero when it
/// belongs to none), an 8-byte parent span id (the sender's event that sent it, its
/// <see cref="Node.EventId"/> big-endian, so the receiver knows its cause), and one byte of trace
/// flags (bit 0: sampled). All zero is <see cref="None"/>.
/// </summary>
public readonly struct PathContext : IEquatable<PathContext>
{
    /// <summary>Bytes on the wire: 16 for the trace id, 8 for the span id, 1 for the flags.</summary>
    public const int Size = 25;

    /// <summary>A context with <paramref name="traceId"/>, <paramref name="spanId"/> and <paramref name="flags"/>.</summary>
    public PathContext(ActivityTraceId traceId, ActivitySpanId spanId, byte flags)
    {
        TraceId = traceId;
        SpanId = spanId;
        Flags = flags;
    }

    /// <summary>No path and no sender event: every byte zero.</summary>
    public static PathContext None => default;

    /// <summary>The causal path; all zero (<c>default</c>) when none.</summary>
    public ActivityTraceId TraceId { get; }

    /// <summary>The sending event as a span id; all zero when unknown.</summary>
    public ActivitySpanId SpanId { get; }

    /// <summary>W3C trace flags: bit 0 is "sampled".</summary>
    public byte Flags { get; }

    /// <summary>True when every byte is zero.</summary>
    public bool IsNone => TraceId == default && SpanId == default && Flags == 0;

    /// <summary>The context a message sent by event <paramref name="eventId"/> carries (no path).</summary>
    public static PathContext FromSenderEvent(long eventId)
    {
        Span<byte> span = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(span, eventId);
        return new PathContext(default, eventId == 0 ? default : ActivitySpanId.CreateFromBytes(span), 0);
    }

    /// <summary>The sender's event number carried in <see cref="SpanId"/>; 0 when none.</summary>
    public long SenderEvent
    {
        get
        {
            if (SpanId == default) return 0;
            Span<byte> span = stackalloc byte[8];
            SpanId.CopyTo(span);
            return BinaryPrimitives.ReadInt64BigEndian(span);
        }
    }

    /// <summary>Writes the 25 bytes: trace id, span id, flags.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (TraceId == default) destination[..16].Clear();
        else TraceId.CopyTo(destination[..16]);
        if (SpanId == default) destination[16..24].Clear();
        else SpanId.CopyTo(destination[16..24]);
        destination[24] = Flags;
    }

    /// <summary>Reads the 25 bytes written by <see cref="WriteTo"/>.</summary>
    public static PathContext Read(ReadOnlySpan<byte> source)
    {
        var trace = source[..16].IndexOfAnyExcept((byte)0) < 0 ? default : ActivityTraceId.CreateFromBytes(source[..16]);
        var span = source[16..24].IndexOfAnyExcept((byte)0) < 0 ? default : ActivitySpanId.CreateFromBytes(source[16..24]);
        return new PathContext(trace, span, source[24]);
    }

    /// <inheritdoc/>
    public bool Equals(PathContext other) => TraceId == other.TraceId && SpanId == other.SpanId && Flags == other.Flags;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PathContext other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TraceId, SpanId, Flags);

    /// <summary>The W3C <c>traceparent</c> form: <c>00-TRACEID-SPANID-FLAGS</c>.</summary>
    public override string ToString() => $"00-{TraceId.ToHexString()}-{SpanId.ToHexString()}-{Flags:x2}";

    public static bool operator ==(PathContext left, PathContext right) => left.Equals(right);

    public static bool operator !=(PathContext left, PathContext right) => !left.Equals(right);
}
