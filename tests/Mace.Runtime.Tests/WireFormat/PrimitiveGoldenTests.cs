using Mace.Runtime.Serialization;
using static Mace.Runtime.Tests.WireFormat.Wire;

namespace Mace.Runtime.Tests.WireFormat;

/// <summary>The exact bytes of docs/wire-format.md, "Primitives" and "Lengths".</summary>
public class PrimitiveGoldenTests
{
    [Fact]
    public void FixedWidth_IsLittleEndian()
    {
        Assert.Equal("fe", Hex((ref MaceWriter w) => w.WriteSByte(-2)));
        Assert.Equal("01", Hex((ref MaceWriter w) => w.WriteBoolean(true)));
        Assert.Equal("4100", Hex((ref MaceWriter w) => w.WriteChar('A')));
        Assert.Equal("04030201", Hex((ref MaceWriter w) => w.WriteInt32(0x01020304)));
        Assert.Equal("ffffffff", Hex((ref MaceWriter w) => w.WriteInt32(-1)));
        Assert.Equal("0100000000000000", Hex((ref MaceWriter w) => w.WriteInt64(1)));
        Assert.Equal("000000000000f03f", Hex((ref MaceWriter w) => w.WriteDouble(1.0)));
        Assert.Equal("0000803f", Hex((ref MaceWriter w) => w.WriteSingle(1.0f)));
        Assert.Equal("0100000000000040", Hex((ref MaceWriter w) => w.WriteDateTime(new DateTime(1, DateTimeKind.Utc))));
        Assert.Equal("0a00000000000000", Hex((ref MaceWriter w) => w.WriteTimeSpan(TimeSpan.FromTicks(10))));
    }

    [Theory]
    [InlineData(0u, "00")]
    [InlineData(127u, "7f")]
    [InlineData(128u, "8001")]
    [InlineData(300u, "ac02")]
    [InlineData(uint.MaxValue, "ffffffff0f")]
    public void VarUInt32_IsLeb128(uint value, string hex) =>
        Assert.Equal(hex, Hex((ref MaceWriter w) => w.WriteVarUInt32(value)));

    [Fact]
    public void VarUInt64_Max_IsTenBytes() =>
        Assert.Equal("ffffffffffffffffff01", Hex((ref MaceWriter w) => w.WriteVarUInt64(ulong.MaxValue)));

    [Fact]
    public void Strings_AreLengthPlusOneThenUtf8()
    {
        Assert.Equal("00", Hex((ref MaceWriter w) => w.WriteString(null)));
        Assert.Equal("01", Hex((ref MaceWriter w) => w.WriteString("")));
        Assert.Equal("0468c3a9", Hex((ref MaceWriter w) => w.WriteString("hé")));
        var longText = new string('x', 200);
        Assert.Equal("c901" + string.Concat(Enumerable.Repeat("78", 200)), Hex((ref MaceWriter w) => w.WriteString(longText)));
    }

    [Fact]
    public void BytesAndLengths_UseTheNullableLengthPrefix()
    {
        Assert.Equal("030102", Hex((ref MaceWriter w) => w.WriteBytes([1, 2])));
        Assert.Equal("00", Hex((ref MaceWriter w) => w.WriteBytes(null)));
        Assert.Equal("04", Hex((ref MaceWriter w) => w.WriteLength(3)));
    }

    [Fact]
    public void Primitives_RoundTrip()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new MaceWriter(buffer);
        writer.WriteInt16(-3);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteString("Mace ✓");
        writer.WriteGuid(new Guid("00112233-4455-6677-8899-aabbccddeeff"));
        writer.WriteVarUInt64(1UL << 40);
        writer.Flush();
        var reader = new MaceReader(buffer.WrittenSpan);
        Assert.Equal(-3, reader.ReadInt16());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.Equal("Mace ✓", reader.ReadString());
        Assert.Equal(new Guid("00112233-4455-6677-8899-aabbccddeeff"), reader.ReadGuid());
        Assert.Equal(1UL << 40, reader.ReadVarUInt64());
        reader.EnsureEnd();
    }
}
