using Mace.Runtime.Serialization;
using Mace.Runtime.Transports;
using static Mace.Runtime.Tests.WireFormat.Wire;

namespace Mace.Runtime.Tests.WireFormat;

/// <summary>The frame of docs/wire-format.md, "Frames", byte for byte, and its decoder's checks.</summary>
public class FrameGoldenTests
{
    private const string GoldenFrame =
        "31000000" + "0100" + "010100007f8813" + "010100007f8913" + "44332211" +
        "00000000000000000000000000000000" + "00000000" + "000100000000000000";

    private static FrameHeader Header => new(NodeAddress.Parse("127.0.0.1:5000"), NodeAddress.Parse("127.0.0.1:5001"), 0x11223344, PathContext.None);

    [Fact]
    public void Encode_PingFrame_MatchesTheDocumentedBytes() =>
        Assert.Equal(GoldenFrame, Hex(FrameCodec.Encode(Header, Payload.FromMessage(new Mace.Services.Ping.PingMsg(1)))));

    [Fact]
    public void Decode_GoldenFrame_GivesHeaderAndPayload()
    {
        var bytes = Bytes(GoldenFrame);
        var length = FrameCodec.ReadLengthPrefix(bytes, FrameCodec.DefaultMaxFrameSize);
        Assert.Equal(bytes.Length - 4, length);
        var header = FrameCodec.ReadHeader(bytes.AsSpan(4), out var payload);
        Assert.Equal(Header, header);
        Assert.Equal("000100000000000000", Hex(payload));
    }

    [Fact]
    public void PathContext_RidesVerbatim()
    {
        var path = new PathContext(new Guid("00112233-4455-6677-8899-aabbccddeeff"), 0x01020304);
        var bytes = FrameCodec.Encode(Header with { Path = path }, new Payload(new byte[] { 7 }));
        Assert.Equal("33221100554477668899aabbccddeeff" + "04030201" + "07", Hex(bytes.AsSpan(4 + 2 + 7 + 7 + 4)));
        Assert.Equal(path, FrameCodec.ReadHeader(bytes.AsSpan(4), out _).Path);
    }

    [Theory]
    [InlineData("1b000000")] // 27: below the 28-byte minimum
    [InlineData("01004000")] // 4 MiB + 1
    [InlineData("ffffffff")]
    public void ReadLengthPrefix_OutOfBounds_IsMalformed(string prefix) =>
        Assert.Throws<MaceFormatException>(() => FrameCodec.ReadLengthPrefix(Bytes(prefix), FrameCodec.DefaultMaxFrameSize));

    [Theory]
    [InlineData(4, "02")] // version 2
    [InlineData(5, "01")] // unknown flag
    [InlineData(6, "07")] // unknown address kind
    public void ReadHeader_BadField_IsMalformed(int offset, string value)
    {
        var bytes = Bytes(GoldenFrame);
        bytes[offset] = Bytes(value)[0];
        Assert.Throws<MaceFormatException>(() => FrameCodec.ReadHeader(bytes.AsSpan(4), out _));
    }

    [Fact]
    public void ReadHeader_Truncated_IsMalformed()
    {
        var bytes = Bytes(GoldenFrame);
        for (var cut = 4; cut < 4 + 40; cut++)
        {
            var body = bytes.AsSpan(4, cut - 4).ToArray();
            Assert.Throws<MaceFormatException>(() => FrameCodec.ReadHeader(body, out _));
        }
    }
}
