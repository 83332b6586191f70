using Mace.Runtime.Serialization;
using static Mace.Runtime.Tests.WireFormat.Wire;

namespace Mace.Runtime.Tests.WireFormat;

/// <summary>Untrusted input: every truncated, oversized or invalid encoding is a MaceFormatException, never a crash.</summary>
public class MaceReaderRejectionTests
{
    private delegate void ReadAction(ref MaceReader reader);

    private static MaceFormatException Rejects(string hex, ReadAction read)
    {
        var bytes = Bytes(hex);
        return Assert.Throws<MaceFormatException>(() =>
        {
            var reader = new MaceReader(bytes);
            read(ref reader);
        });
    }

    [Fact]
    public void Truncated_FixedWidth_Rejected()
    {
        Rejects("010203", (ref MaceReader r) => r.ReadInt32());
        Rejects("01020304050607", (ref MaceReader r) => r.ReadInt64());
        Rejects("", (ref MaceReader r) => r.ReadByte());
        Rejects("0102", (ref MaceReader r) => r.ReadGuid());
        Rejects("a9993e36", (ref MaceReader r) => r.ReadKey());
        Rejects("010100007f88", (ref MaceReader r) => r.ReadNodeAddress());
    }

    [Fact]
    public void Lengths_BeyondTheBytesLeft_Rejected()
    {
        var error = Rejects("0561", (ref MaceReader r) => r.ReadString());
        Assert.Equal(0, error.Position);
        Rejects("ffffffff0f", (ref MaceReader r) => r.ReadBytes());
        Rejects("0a0102", (ref MaceReader r) => r.ReadCount(4));
        Rejects("00", (ref MaceReader r) => r.ReadCount());
        Rejects("0302", (ref MaceReader r) => r.ReadPayload());
    }

    [Fact]
    public void InvalidValues_Rejected()
    {
        Rejects("02", (ref MaceReader r) => r.ReadBoolean());
        Rejects("03c328", (ref MaceReader r) => r.ReadString()); // invalid UTF-8
        Rejects("03", (ref MaceReader r) => r.ReadNodeAddress()); // unknown kind
        Rejects("0280808080808080808001", (ref MaceReader r) => r.ReadNodeAddress()); // sim id beyond int
        Rejects("02", (ref MaceReader r) => r.ReadKeyRange());
        Rejects("ffffffffffffff7f", (ref MaceReader r) => r.ReadDateTime()); // UTC ticks beyond DateTime.MaxValue
    }

    [Fact]
    public void Varints_TooLong_Rejected()
    {
        Rejects("8080808010", (ref MaceReader r) => r.ReadVarUInt32()); // > 32 bits
        Rejects("ffffffffffffffffff02", (ref MaceReader r) => r.ReadVarUInt64()); // > 64 bits
        Rejects("8080808080808080808000", (ref MaceReader r) => r.ReadVarUInt64()); // 11 bytes
        Rejects("80", (ref MaceReader r) => r.ReadVarUInt32()); // truncated
    }

    [Fact]
    public void TrailingBytes_Rejected() =>
        Rejects("0100", (ref MaceReader r) =>
        {
            r.ReadByte();
            r.EnsureEnd();
        });

    [Fact]
    public void RandomBytes_NeverThrowAnythingElse()
    {
        var random = new Random(20261129);
        var rejected = 0;
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 24)];
            random.NextBytes(bytes);
            try
            {
                var reader = new MaceReader(bytes);
                reader.ReadNodeAddress();
                reader.ReadString();
                reader.ReadKeyRange();
                reader.ReadBytes();
                reader.ReadVarUInt64();
                reader.EnsureEnd();
            }
            catch (MaceFormatException)
            {
                rejected++;
            }
        }
        Assert.InRange(rejected, 1000, 2000);
    }
}
