using System.Buffers.Binary;

namespace Mace.Runtime.Transports;

/// <summary>
/// The causal-path slot of a frame header: a 16-byte path id and 32 bits of flags. All zero
/// (<see cref="None"/>) until the logging work starts paths; carried verbatim so that a path id
/// set by a sender survives to the receiver.
/// </summary>
public readonly struct PathContext : IEquatable<PathContext>
{
    /// <summary>Bytes on the wire: 16 for the id, 4 for the flags.</summary>
    public const int Size = 20;

    /// <summary>A context with <paramref name="pathId"/> and <paramref name="flags"/>.</summary>
    public PathContext(Guid pathId, uint flags)
    {
        PathId = pathId;
        Flags = flags;
    }

    /// <summary>No path: every byte zero.</summary>
    public static PathContext None => default;

    /// <summary>The path id; <see cref="Guid.Empty"/> when none.</summary>
    public Guid PathId { get; }

    /// <summary>Path flags (none defined yet).</summary>
    public uint Flags { get; }

    /// <summary>True when no path rides in the frame.</summary>
    public bool IsNone => PathId == Guid.Empty && Flags == 0;

    /// <summary>Writes the 20 bytes: the id as <see cref="Guid.TryWriteBytes(Span{byte})"/>, then flags little-endian.</summary>
    public void WriteTo(Span<byte> destination)
    {
        PathId.TryWriteBytes(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], Flags);
    }

    /// <summary>Reads the 20 bytes written by <see cref="WriteTo"/>.</summary>
    public static PathContext Read(ReadOnlySpan<byte> source) =>
        new(new Guid(source[..16]), BinaryPrimitives.ReadUInt32LittleEndian(source[16..]));

    /// <inheritdoc/>
    public bool Equals(PathContext other) => PathId == other.PathId && Flags == other.Flags;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PathContext other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PathId, Flags);

    /// <summary>Equality.</summary>
    public static bool operator ==(PathContext left, PathContext right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PathContext left, PathContext right) => !left.Equals(right);
}
