using Mace.Runtime.Serialization;
using static Mace.Runtime.Tests.WireFormat.Wire;

namespace Mace.Runtime.Tests.WireFormat;

/// <summary>The exact bytes of docs/wire-format.md, "Addresses", "Keys" and "Messages".</summary>
public class AddressAndKeyGoldenTests
{
    [Theory]
    [InlineData("none", "00")]
    [InlineData("127.0.0.1:5000", "010100007f8813")]
    [InlineData("10.1.2.3:65535", "01030201 0affff")]
    [InlineData("sim:300", "02ac02")]
    [InlineData("sim:0", "0200")]
    public void NodeAddress_HasKindThenValue(string text, string hex)
    {
        var address = NodeAddress.Parse(text);
        Assert.Equal(hex.Replace(" ", "", StringComparison.Ordinal), Hex((ref MaceWriter w) => w.WriteNodeAddress(address)));
        var reader = new MaceReader(Bytes(hex));
        Assert.Equal(address, reader.ReadNodeAddress());
        reader.EnsureEnd();
    }

    [Fact]
    public void Key_IsTheBigEndianDigest()
    {
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Hex((ref MaceWriter w) => w.WriteKey(Key.Hash("abc"))));
        var reader = new MaceReader(Bytes("a9993e364706816aba3e25717850c26c9cd0d89d"));
        Assert.Equal(Key.Hash("abc"), reader.ReadKey());
    }

    [Fact]
    public void KeyRange_IsKindThenBounds()
    {
        Assert.Equal("00", Hex((ref MaceWriter w) => w.WriteKeyRange(KeyRange.Empty)));
        var range = new KeyRange(new Key(0, 0, 1), Key.MaxValue);
        var expected = "01" + "0000000000000000000000000000000000000001" + new string('f', 40);
        Assert.Equal(expected, Hex((ref MaceWriter w) => w.WriteKeyRange(range)));
        var reader = new MaceReader(Bytes(expected));
        Assert.Equal(range, reader.ReadKeyRange());
        reader.EnsureEnd();
    }

    [Fact]
    public void Message_IsTagThenFields()
    {
        var message = new Mace.Services.Ping.PingMsg(1);
        Assert.Equal("000100000000000000", Hex((ref MaceWriter w) => message.Serialize(ref w)));
        Assert.Equal("010100000000000000", Hex((ref MaceWriter w) => new Mace.Services.Ping.PongMsg(1).Serialize(ref w)));
    }
}
