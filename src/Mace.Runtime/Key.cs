using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Mace.Runtime;

/// <summary>
/// A 160-bit identifier on the ring of integers mod 2^160: the SHA-1 of a name or an address, as
/// used by overlays (Pastry, Bamboo, Chord) and the DHT. Bit 0 is the most significant bit, so
/// digits and prefixes read left to right like the hex form. Ring arithmetic wraps mod 2^160.
/// </summary>
/// <remarks>
/// Stored as three words, most significant first: <c>_high</c> (bits 0..63), <c>_middle</c>
/// (bits 64..127) and <c>_low</c> (bits 128..159). A small immutable value; equality and order are
/// those of the unsigned integer.
/// </remarks>
public readonly partial struct Key : IEquatable<Key>, IComparable<Key>
{
    /// <summary>The number of bits in a key.</summary>
    public const int BitLength = 160;

    /// <summary>The number of bytes in a key's binary (and wire) form.</summary>
    public const int ByteLength = 20;

    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    /// <summary>The key whose 160 bits are <paramref name="high"/>, <paramref name="middle"/>, <paramref name="low"/>, most significant first.</summary>
    public Key(ulong high, ulong middle, uint low)
    {
        _high = high;
        _middle = middle;
        _low = low;
    }

    /// <summary>The key 0.</summary>
    public static Key Zero => default;

    /// <summary>The key 2^160 - 1.</summary>
    public static Key MaxValue => new(ulong.MaxValue, ulong.MaxValue, uint.MaxValue);

    /// <summary>Bits 0..63 (the most significant).</summary>
    public ulong High => _high;

    /// <summary>Bits 64..127.</summary>
    public ulong Middle => _middle;

    /// <summary>Bits 128..159 (the least significant).</summary>
    public uint Low => _low;

    /// <summary>The SHA-1 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static Key Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var bytes = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, bytes);
        return Hash(bytes);
    }

    /// <summary>The SHA-1 of <paramref name="data"/>.</summary>
    public static Key Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[ByteLength];
        SHA1.HashData(data, digest);
        return FromBytes(digest);
    }

    /// <summary>The key of a node: the SHA-1 of the address's text form (<c>127.0.0.1:5000</c>, <c>sim:3</c>).</summary>
    public static Key FromAddress(NodeAddress address) => Hash(address.ToString());

    /// <summary>The key 2^<paramref name="exponent"/> (0 to 159), e.g. a Chord finger offset.</summary>
    public static Key PowerOfTwo(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(exponent, BitLength);
        return exponent switch
        {
            < 32 => new(0, 0, 1u << exponent),
            < 96 => new(0, 1UL << (exponent - 32), 0),
            _ => new(1UL << (exponent - 96), 0, 0),
        };
    }

    /// <summary>The key whose big-endian binary form is <paramref name="bytes"/> (exactly 20 bytes).</summary>
    public static Key FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength) throw new ArgumentException($"a key is {ByteLength} bytes, not {bytes.Length}", nameof(bytes));
        return new(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
    }

    /// <summary>Writes the 20-byte big-endian binary form into <paramref name="destination"/>.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength) throw new ArgumentException($"a key needs {ByteLength} bytes", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    /// <summary>The 20-byte big-endian binary form.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[ByteLength];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Parses 40 hex digits (either case, optional <c>0x</c> prefix).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Key key)
    {
        key = default;
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        if (text.Length != 2 * ByteLength) return false;
        Span<byte> bytes = stackalloc byte[ByteLength];
        for (var i = 0; i < ByteLength; i++)
        {
            if (!byte.TryParse(text.Slice(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])) return false;
        }
        key = FromBytes(bytes);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>, or throws <see cref="FormatException"/> naming the text.</summary>
    public static Key Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a key (expected 40 hex digits)");

    /// <summary>40 lower-case hex digits.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_high:x16}{_middle:x16}{_low:x8}");

    /// <summary>The first <paramref name="digits"/> hex digits, for logs.</summary>
    public string ToShortString(int digits = 8)
    {
        // Formatted on the stack: check drivers and logs label events with it on every run.
        Span<char> all = stackalloc char[2 * ByteLength];
        _high.TryFormat(all, out _, "x16", CultureInfo.InvariantCulture);
        _middle.TryFormat(all[16..], out _, "x16", CultureInfo.InvariantCulture);
        _low.TryFormat(all[32..], out _, "x8", CultureInfo.InvariantCulture);
        return new string(all[..Math.Clamp(digits, 1, 2 * ByteLength)]);
    }

    /// <inheritdoc/>
    public bool Equals(Key other) => _high == other._high && _middle == other._middle && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Key other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _middle, _low);

    /// <inheritdoc/>
    public int CompareTo(Key other)
    {
        if (_high != other._high) return _high < other._high ? -1 : 1;
        if (_middle != other._middle) return _middle < other._middle ? -1 : 1;
        return _low.CompareTo(other._low);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Key left, Key right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Key left, Key right) => !left.Equals(right);

    /// <summary>Unsigned integer order (not ring order).</summary>
    public static bool operator <(Key left, Key right) => left.CompareTo(right) < 0;

    /// <summary>Unsigned integer order (not ring order).</summary>
    public static bool operator >(Key left, Key right) => left.CompareTo(right) > 0;

    /// <summary>Unsigned integer order (not ring order).</summary>
    public static bool operator <=(Key left, Key right) => left.CompareTo(right) <= 0;

    /// <summary>Unsigned integer order (not ring order).</summary>
    public static bool operator >=(Key left, Key right) => left.CompareTo(right) >= 0;

    /// <summary>The number of leading zero bits (160 for <see cref="Zero"/>).</summary>
    public int LeadingZeroCount()
    {
        if (_high != 0) return BitOperations.LeadingZeroCount(_high);
        if (_middle != 0) return 64 + BitOperations.LeadingZeroCount(_middle);
        return 128 + BitOperations.LeadingZeroCount(_low);
    }
}
