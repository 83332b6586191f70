using System.Buffers.Binary;
using Mace.Runtime.Serialization;

namespace Mace.Runtime.Transports;

/// <summary>
/// Encodes and decodes transport frames: a u32 little-endian length prefix counting the bytes
/// after it, then version, flags, source, destination, registration id, path context, payload.
/// TCP sends frames back to back on a connection; UDP sends one frame per datagram. Decoding treats
/// its input as untrusted: every violation is a <see cref="MaceFormatException"/>.
/// </summary>
public static class FrameCodec
{
    /// <summary>The frame format version written and accepted.</summary>
    public const byte Version = 2;

    /// <summary>The size of the length prefix.</summary>
    public const int LengthPrefixSize = 4;

    /// <summary>The fewest bytes after the prefix a valid frame can have (two <c>none</c> addresses, empty payload).</summary>
    public const int MinBodySize = 1 + 1 + 1 + 1 + 4 + PathContext.Size;

    /// <summary>The default largest body (bytes after the prefix) a transport accepts: 4 MiB.</summary>
    public const int DefaultMaxFrameSize = 4 * 1024 * 1024;

    /// <summary>Appends one whole frame (prefix included) to <paramref name="output"/>; returns its total size.</summary>
    public static int Write(PooledBufferWriter output, in FrameHeader header, Payload payload)
    {
        var start = output.WrittenCount;
        var writer = new MaceWriter(output);
        writer.WriteUInt32(0);
        WriteHeader(ref writer, header);
        payload.WriteTo(ref writer);
        writer.Flush();
        var total = output.WrittenCount - start;
        BinaryPrimitives.WriteUInt32LittleEndian(output.WrittenSpanForPatching[start..], (uint)(total - LengthPrefixSize));
        return total;
    }

    /// <summary>
    /// Appends one whole frame whose prefix and header were encoded before (by <see cref="Write"/> with
    /// an empty payload; a sender reuses them for every frame to the same peer and service), then the
    /// payload; returns its total size.
    /// </summary>
    public static int Write(PooledBufferWriter output, ReadOnlySpan<byte> encodedPrefixAndHeader, Payload payload)
    {
        var start = output.WrittenCount;
        encodedPrefixAndHeader.CopyTo(output.GetSpan(encodedPrefixAndHeader.Length));
        output.Advance(encodedPrefixAndHeader.Length);
        var writer = new MaceWriter(output);
        payload.WriteTo(ref writer);
        writer.Flush();
        var total = output.WrittenCount - start;
        BinaryPrimitives.WriteUInt32LittleEndian(output.WrittenSpanForPatching[start..], (uint)(total - LengthPrefixSize));
        return total;
    }

    /// <summary>One whole frame as a new array (tests, tools, raw senders).</summary>
    public static byte[] Encode(in FrameHeader header, Payload payload)
    {
        using var buffer = new PooledBufferWriter();
        Write(buffer, header, payload);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the header fields (no prefix, no payload).</summary>
    public static void WriteHeader(ref MaceWriter writer, in FrameHeader header)
    {
        writer.WriteByte(Version);
        writer.WriteByte(header.Flags);
        writer.WriteNodeAddress(header.Source);
        writer.WriteNodeAddress(header.Destination);
        writer.WriteInt32(header.RegistrationId);
        Span<byte> path = stackalloc byte[PathContext.Size];
        header.Path.WriteTo(path);
        writer.WriteRaw(path);
        if ((header.Flags & FrameHeader.SenderEventFollowsFlag) != 0)
        {
            Span<byte> senderEvent = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(senderEvent, header.SenderEventField);
            writer.WriteRaw(senderEvent);
        }
    }

    /// <summary>
    /// Checks a length prefix against <paramref name="maxFrameSize"/>: returns the body length, or
    /// throws when it is below <see cref="MinBodySize"/> or above the maximum.
    /// </summary>
    public static int ReadLengthPrefix(ReadOnlySpan<byte> prefix, int maxFrameSize)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (length > (uint)maxFrameSize) throw new MaceFormatException($"frame length {length} exceeds the maximum {maxFrameSize}", 0);
        if (length < MinBodySize) throw new MaceFormatException($"frame length {length} is below the minimum {MinBodySize}", 0);
        return (int)length;
    }

    /// <summary>Decodes the header at the start of <paramref name="body"/> (the bytes after the prefix); the payload is the rest.</summary>
    public static FrameHeader ReadHeader(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> payload)
    {
        var reader = new MaceReader(body);
        var version = reader.ReadByte();
        if (version != Version) throw new MaceFormatException($"unsupported frame version {version}", 0);
        var flags = reader.ReadByte();
        if ((flags & ~FrameHeader.SenderEventFollowsFlag) != 0) throw new MaceFormatException($"unknown frame flags 0x{flags:x2}", 1);
        var source = reader.ReadNodeAddress();
        var destination = reader.ReadNodeAddress();
        var registrationId = reader.ReadInt32();
        var path = PathContext.Read(reader.ReadRaw(PathContext.Size));
        long senderEvent = 0;
        if ((flags & FrameHeader.SenderEventFollowsFlag) != 0) senderEvent = BinaryPrimitives.ReadInt64BigEndian(reader.ReadRaw(8));
        payload = body[reader.Position..];
        return new FrameHeader(source, destination, registrationId, path, flags) { SenderEventField = senderEvent };
    }
}
