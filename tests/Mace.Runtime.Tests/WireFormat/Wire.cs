using Mace.Runtime.Serialization;

namespace Mace.Runtime.Tests.WireFormat;

/// <summary>Helpers: bytes written by a writer action, and hex for readable golden comparisons.</summary>
internal static class Wire
{
    public delegate void WriteAction(ref MaceWriter writer);

    public static string Hex(WriteAction write)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new MaceWriter(buffer);
        write(ref writer);
        writer.Flush();
        return Hex(buffer.WrittenSpan);
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
