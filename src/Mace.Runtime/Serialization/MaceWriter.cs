using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Mace.Runtime.Serialization;

/// <summary>
/// Writes the Mace wire format (<c>docs/wire-format.md</c>) into an <see cref="IBufferWriter{T}"/>:
/// fixed-width little-endian numbers, LEB128 varints for tags, lengths and counts. Call
/// <see cref="Flush"/> when done; nothing reaches the output before it.
/// </summary>
public ref partial struct MaceWriter
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _buffered;
    private long _flushed;

    /// <summary>A writer appending to <paramref name="output"/>.</summary>
    public MaceWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _buffer = default;
        _buffered = 0;
        _flushed = 0;
    }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public readonly long BytesWritten => _flushed + _buffered;

    /// <summary>Commits buffered bytes to the output.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _flushed += _buffered;
            _buffered = 0;
            _buffer = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Reserve(int size)
    {
        if (_buffer.Length - _buffered < size) Grow(size);
        return ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _buffered);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        Flush();
        _buffer = _output.GetSpan(Math.Max(size, 256));
    }

    /// <summary>One byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        Reserve(1) = value;
        _buffered += 1;
    }

    /// <summary>One signed byte.</summary>
    public void WriteSByte(sbyte value) => WriteByte((byte)value);

    /// <summary>0 or 1.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Little-endian 16 bits.</summary>
    public void WriteInt16(short value) => WriteFixed(value);

    /// <summary>Little-endian 16 bits.</summary>
    public void WriteUInt16(ushort value) => WriteFixed(value);

    /// <summary>A UTF-16 code unit, little-endian 16 bits.</summary>
    public void WriteChar(char value) => WriteFixed((ushort)value);

    /// <summary>Little-endian 32 bits.</summary>
    public void WriteInt32(int value) => WriteFixed(value);

    /// <summary>Little-endian 32 bits.</summary>
    public void WriteUInt32(uint value) => WriteFixed(value);

    /// <summary>Little-endian 64 bits.</summary>
    public void WriteInt64(long value) => WriteFixed(value);

    /// <summary>Little-endian 64 bits.</summary>
    public void WriteUInt64(ulong value) => WriteFixed(value);

    /// <summary>IEEE 754, little-endian 32 bits.</summary>
    public void WriteSingle(float value) => WriteFixed(BitConverter.SingleToInt32Bits(value));

    /// <summary>IEEE 754, little-endian 64 bits.</summary>
    public void WriteDouble(double value) => WriteFixed(BitConverter.DoubleToInt64Bits(value));

    /// <summary><see cref="DateTime.ToBinary"/> as 64 bits (ticks and kind).</summary>
    public void WriteDateTime(DateTime value) => WriteFixed(value.ToBinary());

    /// <summary>Ticks as 64 bits.</summary>
    public void WriteTimeSpan(TimeSpan value) => WriteFixed(value.Ticks);

    /// <summary>The 16 bytes of <see cref="Guid.TryWriteBytes(Span{byte})"/>.</summary>
    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(MemoryMarshal.CreateSpan(ref Reserve(16), 16));
        _buffered += 16;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteFixed<T>(T value) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        ref var dest = ref Reserve(size);
        if (!BitConverter.IsLittleEndian) value = ReverseEndianness(value);
        Unsafe.WriteUnaligned(ref dest, value);
        _buffered += size;
    }

    private static T ReverseEndianness<T>(T value) where T : unmanaged
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(new Span<T>(ref value));
        bytes.Reverse();
        return value;
    }

    /// <summary>An unsigned LEB128 varint (1 to 5 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt32(uint value)
    {
        if (value < 0x80)
        {
            WriteByte((byte)value);
            return;
        }
        WriteVarUInt64(value);
    }

    /// <summary>An unsigned LEB128 varint (1 to 10 bytes).</summary>
    public void WriteVarUInt64(ulong value)
    {
        ref var dest = ref Reserve(10);
        var count = 0;
        while (value >= 0x80)
        {
            Unsafe.Add(ref dest, count++) = (byte)(value | 0x80);
            value >>= 7;
        }
        Unsafe.Add(ref dest, count++) = (byte)value;
        _buffered += count;
    }

    /// <summary>A length or count: varint of n + 1, or 0 for null (<paramref name="lengthOrMinusOne"/> = -1).</summary>
    public void WriteLength(int lengthOrMinusOne) => WriteVarUInt32((uint)(lengthOrMinusOne + 1));

    /// <summary>Raw bytes with no prefix.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        bytes.CopyTo(MemoryMarshal.CreateSpan(ref Reserve(bytes.Length), bytes.Length));
        _buffered += bytes.Length;
    }

    /// <summary>A length-prefixed byte array; null allowed.</summary>
    public void WriteBytes(byte[]? bytes)
    {
        if (bytes is null)
        {
            WriteLength(-1);
            return;
        }
        WriteLength(bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>A length-prefixed (UTF-8 byte count) string; null allowed.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteLength(-1);
            return;
        }
        if (value.Length < 64)
        {
            // Short strings: the UTF-8 length is at most 3 bytes per char, so encode in place behind a one-byte prefix when it fits.
            ref var dest = ref Reserve(1 + (value.Length * 3));
            var written = Encoding.UTF8.GetBytes(value, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dest, 1), value.Length * 3));
            if (written + 1 < 0x80)
            {
                dest = (byte)(written + 1);
                _buffered += 1 + written;
                return;
            }
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLength(byteCount);
        ref var target = ref Reserve(byteCount);
        Encoding.UTF8.GetBytes(value, MemoryMarshal.CreateSpan(ref target, byteCount));
        _buffered += byteCount;
    }

    /// <summary>A node address: kind byte, then 6 bytes for IPv4 or a varint id for a simulated node.</summary>
    public void WriteNodeAddress(NodeAddress value)
    {
        WriteByte((byte)value.Kind);
        switch (value.Kind)
        {
            case NodeAddressKind.IPv4:
                WriteUInt32((uint)(value.RawValue >> 16));
                WriteUInt16((ushort)value.RawValue);
                break;
            case NodeAddressKind.Simulated:
                WriteVarUInt64(value.RawValue);
                break;
        }
    }

    /// <summary>A payload as a field: length-prefixed bytes.</summary>
    public void WritePayload(Payload value)
    {
        var bytes = value.GetBytes();
        WriteLength(bytes.Length);
        WriteRaw(bytes.Span);
    }
}
