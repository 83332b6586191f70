using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mace.Runtime.Serialization;

/// <summary>
/// Reads the Mace wire format from untrusted bytes. Every read is bounds-checked; every length and
/// count is checked against the bytes left before anything is allocated; any violation throws
/// <see cref="MaceFormatException"/> naming the position.
/// </summary>
public ref partial struct MaceReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    /// <summary>A reader over <paramref name="span"/>.</summary>
    public MaceReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _span.Length - _position;

    /// <summary>Throws unless every byte was consumed.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _span.Length) throw new MaceFormatException($"{_span.Length - _position} trailing bytes", _position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int size)
    {
        if ((uint)size > (uint)(_span.Length - _position)) ThrowTruncated(size);
        var slice = _span.Slice(_position, size);
        _position += size;
        return slice;
    }

    private readonly void ThrowTruncated(int size) =>
        throw new MaceFormatException($"truncated: needed {size} bytes, {_span.Length - _position} left", _position);

    /// <summary>One byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if (_position >= _span.Length) ThrowTruncated(1);
        return _span[_position++];
    }

    /// <summary>One signed byte.</summary>
    public sbyte ReadSByte() => (sbyte)ReadByte();

    /// <summary>0 or 1; any other byte is an error.</summary>
    public bool ReadBoolean()
    {
        var b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new MaceFormatException($"invalid boolean byte {b}", _position - 1),
        };
    }

    /// <summary>Little-endian 16 bits.</summary>
    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    /// <summary>Little-endian 16 bits.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    /// <summary>A UTF-16 code unit.</summary>
    public char ReadChar() => (char)ReadUInt16();

    /// <summary>Little-endian 32 bits.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Little-endian 32 bits.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Little-endian 64 bits.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Little-endian 64 bits.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>IEEE 754 32 bits.</summary>
    public float ReadSingle() => BitConverter.Int32BitsToSingle(ReadInt32());

    /// <summary>IEEE 754 64 bits.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>A <see cref="DateTime"/> from its binary form.</summary>
    public DateTime ReadDateTime()
    {
        var start = _position;
        var raw = ReadInt64();
        try
        {
            return DateTime.FromBinary(raw);
        }
        catch (ArgumentException)
        {
            throw new MaceFormatException("invalid DateTime", start);
        }
    }

    /// <summary>A <see cref="TimeSpan"/> from ticks.</summary>
    public TimeSpan ReadTimeSpan() => new(ReadInt64());

    /// <summary>16 bytes.</summary>
    public Guid ReadGuid() => new(Take(16));

    /// <summary>An unsigned LEB128 varint of at most 32 bits.</summary>
    public uint ReadVarUInt32()
    {
        var start = _position;
        var value = ReadVarUInt64();
        if (value > uint.MaxValue) throw new MaceFormatException("varint exceeds 32 bits", start);
        return (uint)value;
    }

    /// <summary>An unsigned LEB128 varint of at most 64 bits.</summary>
    public ulong ReadVarUInt64()
    {
        var start = _position;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1) break;
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new MaceFormatException("malformed varint", start);
    }

    /// <summary>
    /// A length or count written by <see cref="MaceWriter.WriteLength"/>: -1 for null, else n, checked
    /// so that n elements of at least <paramref name="minElementSize"/> bytes fit in what is left.
    /// </summary>
    public int ReadLength(int minElementSize = 1)
    {
        var start = _position;
        var raw = ReadVarUInt32();
        if (raw == 0) return -1;
        var length = raw - 1;
        if ((ulong)length * (ulong)Math.Max(minElementSize, 0) > (ulong)Remaining || length > int.MaxValue)
        {
            throw new MaceFormatException($"length {length} exceeds the {Remaining} bytes left", start);
        }
        return (int)length;
    }

    /// <summary>A count that may not be null.</summary>
    public int ReadCount(int minElementSize = 1)
    {
        var start = _position;
        var length = ReadLength(minElementSize);
        return length < 0 ? throw new MaceFormatException("null where a collection was required", start) : length;
    }

    /// <summary><paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    /// <summary>A length-prefixed byte array, or null.</summary>
    public byte[]? ReadBytes()
    {
        var length = ReadLength();
        return length < 0 ? null : Take(length).ToArray();
    }

    /// <summary>A length-prefixed UTF-8 string, or null; invalid UTF-8 is an error.</summary>
    public string? ReadString()
    {
        var length = ReadLength();
        if (length < 0) return null;
        var start = _position;
        var bytes = Take(length);
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MaceFormatException("invalid UTF-8 in string", start);
        }
    }

    /// <summary>A node address.</summary>
    public NodeAddress ReadNodeAddress()
    {
        var start = _position;
        var kind = (NodeAddressKind)ReadByte();
        switch (kind)
        {
            case NodeAddressKind.None:
                return default;
            case NodeAddressKind.IPv4:
                var ip = ReadUInt32();
                var port = ReadUInt16();
                return NodeAddress.FromRaw(kind, ((ulong)ip << 16) | port);
            case NodeAddressKind.Simulated:
                var id = ReadVarUInt64();
                if (id > int.MaxValue) throw new MaceFormatException("simulated node id out of range", start);
                return NodeAddress.FromRaw(kind, id);
            default:
                throw new MaceFormatException($"unknown address kind {(byte)kind}", start);
        }
    }

    /// <summary>A payload field: length-prefixed bytes, copied.</summary>
    public Payload ReadPayload()
    {
        var length = ReadCount();
        return new Payload(Take(length).ToArray());
    }
}
