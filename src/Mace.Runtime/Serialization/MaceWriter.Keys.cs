namespace Mace.Runtime.Serialization;

/// <summary>Keys and key ranges (<c>docs/wire-format.md</c>).</summary>
public ref partial struct MaceWriter
{
    /// <summary>A key: its 20 bytes, most significant first (the hex order, not little-endian).</summary>
    public void WriteKey(Key value)
    {
        Span<byte> bytes = stackalloc byte[Key.ByteLength];
        value.WriteBytes(bytes);
        WriteRaw(bytes);
    }

    /// <summary>A key range: 0 for empty, or 1 then start and end.</summary>
    public void WriteKeyRange(KeyRange value)
    {
        if (value.IsEmpty)
        {
            WriteByte(0);
            return;
        }
        WriteByte(1);
        WriteKey(value.Start);
        WriteKey(value.End);
    }
}
