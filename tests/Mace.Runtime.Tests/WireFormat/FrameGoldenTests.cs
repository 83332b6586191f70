using Mace.Runtime.Serialization;
using Mace.Runtime.Transports;
using static Mace.Runtime.Tests.WireFormat.Wire;

namespace Mace.Runtime.Tests.WireFormat;

/// <summary>The frame of docs/wire-format.md, "Frames", byte for byte, and its decoder's checks.</summary>
public class FrameGoldenTests
{
    private const string GoldenFrame =
        "36000000" + "0200" + "010100007f8813" + "010100007f8913" + "44332211" +
        "00000000000000000000000000000000" + "0000000000000000" + "00" + "000100000000000000";

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
    public void PathContext_RidesVerbatim_AsW3CTraceContext()
    {
        var path = new PathContext(
            System.Diagnostics.ActivityTraceId.CreateFromString("00112233445566778899aabbccddeeff"),
            System.Diagnostics.ActivitySpanId.CreateFromString("0000000000000102"), 0x01);
        var bytes = FrameCodec.Encode(Header with { Path = path }, new Payload(new byte[] { 7 }));
        Assert.Equal("00112233445566778899aabbccddeeff" + "0000000000000102" + "01" + "07", Hex(bytes.AsSpan(4 + 2 + 7 + 7 + 4)));
        var read = FrameCodec.ReadHeader(bytes.AsSpan(4), out _).Path;
        Assert.Equal(path, read);
        Assert.Equal(0x102, read.SenderEvent);
        Assert.Equal("00-00112233445566778899aabbccddeeff-0000000000000102-01", read.ToString());
    }

    [Fact]
    public void SenderEventFollows_CarriesALiveSpanAndTheEventNumber()
    {
        // A live span's id is random, so the sender's event number follows the trace context.
        var path = new PathContext(
            System.Diagnostics.ActivityTraceId.CreateFromString("00112233445566778899aabbccddeeff"),
            System.Diagnostics.ActivitySpanId.CreateFromString("a1b2c3d4e5f60718"), 0x01);
        var header = Header with { Path = path, Flags = FrameHeader.SenderEventFollowsFlag, SenderEventField = 0x0102 };
        var bytes = FrameCodec.Encode(header, new Payload(new byte[] { 7 }));
        Assert.Equal("01", Hex(bytes.AsSpan(5, 1)));
        Assert.Equal("00112233445566778899aabbccddeeff" + "a1b2c3d4e5f60718" + "01" + "0000000000000102" + "07", Hex(bytes.AsSpan(4 + 2 + 7 + 7 + 4)));
        var read = FrameCodec.ReadHeader(bytes.AsSpan(4), out var payload);
        Assert.Equal(path, read.Path);
        Assert.Equal(0x102, read.SenderEvent);
        Assert.Equal("07", Hex(payload));
        // Without the flag the span id slot is the event number.
        Assert.Equal(PathContext.FromSenderEvent(9).SenderEvent, (Header with { Path = PathContext.FromSenderEvent(9) }).SenderEvent);
    }

    [Fact]
    public void SenderEventFollows_CutShort_IsMalformed()
    {
        var header = Header with { Path = PathContext.FromSenderEvent(3), Flags = FrameHeader.SenderEventFollowsFlag, SenderEventField = 3 };
        var bytes = FrameCodec.Encode(header, default);
        Assert.Throws<MaceFormatException>(() => FrameCodec.ReadHeader(bytes.AsSpan(4, bytes.Length - 4 - 1), out _));
    }

    [Fact]
    public void SenderEvent_RoundTripsThroughTheSpanId()
    {
        Assert.Equal(123_456_789_012, PathContext.FromSenderEvent(123_456_789_012).SenderEvent);
        Assert.True(PathContext.FromSenderEvent(0).IsNone);
    }

    [Theory]
    [InlineData("20000000")] // 32: below the 33-byte minimum
    [InlineData("01004000")] // 4 MiB + 1
    [InlineData("ffffffff")]
    public void ReadLengthPrefix_OutOfBounds_IsMalformed(string prefix) =>
        Assert.Throws<MaceFormatException>(() => FrameCodec.ReadLengthPrefix(Bytes(prefix), FrameCodec.DefaultMaxFrameSize));

    [Theory]
    [InlineData(4, "01")] // version 1 (a 20-byte path slot)
    [InlineData(5, "02")] // unknown flag
    [InlineData(5, "80")] // unknown flag
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
        for (var cut = 4; cut < 4 + 45; cut++)
        {
            var body = bytes.AsSpan(4, cut - 4).ToArray();
            Assert.Throws<MaceFormatException>(() => FrameCodec.ReadHeader(body, out _));
        }
    }
}
