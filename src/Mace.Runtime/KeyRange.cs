namespace Mace.Runtime;

/// <summary>
/// A half-open clockwise interval of the key ring, (Start, End]: the keys a node is responsible
/// for in Chord or a DHT. It may wrap past zero. Start == End is the full ring (a lone node owns
/// everything); <see cref="Empty"/> is the one range holding no key.
/// </summary>
public readonly struct KeyRange : IEquatable<KeyRange>
{
    private readonly bool _isNonEmpty;

    /// <summary>The keys clockwise after <paramref name="start"/> up to and including <paramref name="end"/>; the full ring when they are equal.</summary>
    public KeyRange(Key start, Key end)
    {
        Start = start;
        End = end;
        _isNonEmpty = true;
    }

    /// <summary>The range that holds no key (<c>default</c>).</summary>
    public static KeyRange Empty => default;

    /// <summary>The range that holds every key: (0, 0].</summary>
    public static KeyRange Full => new(Key.Zero, Key.Zero);

    /// <summary>The exclusive start; zero for <see cref="Empty"/>.</summary>
    public Key Start { get; }

    /// <summary>The inclusive end; zero for <see cref="Empty"/>.</summary>
    public Key End { get; }

    /// <summary>True for the empty range.</summary>
    public bool IsEmpty => !_isNonEmpty;

    /// <summary>True when every key is in the range.</summary>
    public bool IsFull => _isNonEmpty && Start == End;

    /// <summary>True when the range passes from the largest key to zero (and is not full).</summary>
    public bool Wraps => _isNonEmpty && End < Start;

    /// <summary>The number of keys in the range, mod 2^160 (the full ring reads as zero; check <see cref="IsFull"/>).</summary>
    public Key Size => _isNonEmpty ? Start.ClockwiseDistance(End) : Key.Zero;

    /// <summary>True when <paramref name="key"/> is in (Start, End].</summary>
    public bool Contains(Key key) => _isNonEmpty && key.IsBetweenRightInclusive(Start, End);

    /// <inheritdoc/>
    public bool Equals(KeyRange other)
    {
        if (IsEmpty || other.IsEmpty) return IsEmpty == other.IsEmpty;
        if (IsFull || other.IsFull) return IsFull == other.IsFull;
        return Start == other.Start && End == other.End;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KeyRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IsEmpty ? 0 : IsFull ? 1 : HashCode.Combine(Start, End);

    /// <summary>Equality (every full range is equal to every other).</summary>
    public static bool operator ==(KeyRange left, KeyRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(KeyRange left, KeyRange right) => !left.Equals(right);

    /// <summary><c>(start, end]</c> in short hex, <c>full</c> or <c>empty</c>.</summary>
    public override string ToString() => IsEmpty ? "empty" : IsFull ? $"full({Start.ToShortString()})" : $"({Start.ToShortString()}, {End.ToShortString()}]";
}
