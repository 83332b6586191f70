namespace Mace.Runtime.Serialization;

/// <summary>Keys and key ranges (<c>docs/wire-format.md</c>).</summary>
public ref partial struct MaceReader
{
    /// <summary>A key: 20 bytes, most significant first.</summary>
    public Key ReadKey() => Key.FromBytes(Take(Key.ByteLength));

    /// <summary>A key range: 0 for empty, or 1 then start and end; any other kind byte is an error.</summary>
    public KeyRange ReadKeyRange()
    {
        var start = _position;
        var kind = ReadByte();
        return kind switch
        {
            0 => KeyRange.Empty,
            1 => new KeyRange(ReadKey(), ReadKey()),
            _ => throw new MaceFormatException($"invalid key range kind {kind}", start),
        };
    }
}
