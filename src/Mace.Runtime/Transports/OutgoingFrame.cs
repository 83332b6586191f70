using System.Buffers;

namespace Mace.Runtime.Transports;

/// <summary>An encoded frame in a pooled array, owned by whoever holds it until <see cref="Release"/>.</summary>
public readonly struct OutgoingFrame
{
    /// <summary>Wraps <paramref name="length"/> bytes of the pooled <paramref name="buffer"/>.</summary>
    public OutgoingFrame(byte[] buffer, int length)
    {
        Buffer = buffer;
        Length = length;
    }

    /// <summary>The pooled array.</summary>
    public byte[] Buffer { get; }

    /// <summary>The frame's size, length prefix included.</summary>
    public int Length { get; }

    /// <summary>The frame's bytes.</summary>
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    /// <summary>Returns the array to the pool; the frame must not be used afterwards.</summary>
    public void Release()
    {
        if (Buffer is { Length: > 0 }) ArrayPool<byte>.Shared.Return(Buffer);
    }
}
