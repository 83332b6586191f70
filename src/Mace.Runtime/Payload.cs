using Mace.Runtime.Serialization;

namespace Mace.Runtime;

/// <summary>
/// The body a lower layer carries for an upper one: either a message not yet serialized (so a
/// transport can write it straight into its frame buffer) or bytes received from a peer. In a
/// <c>.mace</c> interface, a <c>Payload</c> parameter is a message slot: callers may pass any
/// generated message, and upcall transitions may name a message type for it.
/// </summary>
public readonly struct Payload : IEquatable<Payload>
{
    // One scratch buffer per thread for GetBytes; taken out while in use, so a message that
    // serializes a nested payload (a Payload field) gets a buffer of its own.
    [ThreadStatic]
    private static PooledBufferWriter? t_scratch;

    private readonly IMessage? _message;
    private readonly ReadOnlyMemory<byte> _bytes;

    /// <summary>A payload of received (or pre-serialized) bytes.</summary>
    public Payload(ReadOnlyMemory<byte> bytes)
    {
        _message = null;
        _bytes = bytes;
    }

    private Payload(IMessage message)
    {
        _message = message;
        _bytes = default;
    }

    /// <summary>A payload that serializes <paramref name="message"/> when written.</summary>
    public static Payload FromMessage(IMessage message) => new(message ?? throw new ArgumentNullException(nameof(message)));

    /// <summary>The message, when this payload was built from one rather than received.</summary>
    public IMessage? Message => _message;

    /// <summary>Writes the payload's bytes with no length prefix.</summary>
    public void WriteTo(ref MaceWriter writer)
    {
        if (_message is not null) _message.Serialize(ref writer);
        else writer.WriteRaw(_bytes.Span);
    }

    /// <summary>The serialized bytes (serializing the message if needed).</summary>
    public ReadOnlyMemory<byte> GetBytes()
    {
        if (_message is null) return _bytes;
        var buffer = t_scratch ?? new PooledBufferWriter();
        t_scratch = null;
        try
        {
            buffer.Clear();
            var writer = new MaceWriter(buffer);
            _message.Serialize(ref writer);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            t_scratch = buffer;
        }
    }

    /// <summary>
    /// The message tag the payload starts with, without decoding the rest; -1 when the payload is
    /// empty or does not start with a well-formed tag.
    /// </summary>
    public int PeekTag()
    {
        if (_message is not null) return _message.MessageTag;
        var bytes = _bytes.Span;
        uint value = 0;
        for (var i = 0; i < 5 && i < bytes.Length; i++)
        {
            value |= (uint)(bytes[i] & 0x7F) << (7 * i);
            if ((bytes[i] & 0x80) == 0) return value > int.MaxValue ? -1 : (int)value;
        }
        return -1;
    }

    /// <summary>Byte-wise equality of the serialized forms.</summary>
    public bool Equals(Payload other) => GetBytes().Span.SequenceEqual(other.GetBytes().Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Payload other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(GetBytes().Span);
        return hash.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Payload left, Payload right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Payload left, Payload right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => _message?.ToString() ?? $"Payload[{_bytes.Length} bytes]";
}
