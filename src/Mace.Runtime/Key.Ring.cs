namespace Mace.Runtime;

/// <summary>Ring arithmetic mod 2^160 and clockwise intervals.</summary>
public readonly partial struct Key
{
    /// <summary><paramref name="left"/> + <paramref name="right"/> mod 2^160.</summary>
    public static Key operator +(Key left, Key right)
    {
        var low = (ulong)left._low + right._low;
        var carry = low >> 32;
        var middle = left._middle + right._middle;
        var carryMiddle = middle < left._middle ? 1UL : 0UL;
        middle += carry;
        if (middle < carry) carryMiddle = 1;
        var high = left._high + right._high + carryMiddle;
        return new(high, middle, (uint)low);
    }

    /// <summary><paramref name="left"/> - <paramref name="right"/> mod 2^160.</summary>
    public static Key operator -(Key left, Key right) => left + -right;

    /// <summary>The additive inverse mod 2^160 (two's complement).</summary>
    public static Key operator -(Key value) => new Key(~value._high, ~value._middle, ~value._low) + new Key(0, 0, 1);

    /// <summary><paramref name="left"/> + <paramref name="right"/> mod 2^160.</summary>
    public static Key Add(Key left, Key right) => left + right;

    /// <summary><paramref name="left"/> - <paramref name="right"/> mod 2^160.</summary>
    public static Key Subtract(Key left, Key right) => left - right;

    /// <summary>The additive inverse mod 2^160.</summary>
    public static Key Negate(Key value) => -value;

    /// <summary>How far clockwise (increasing, wrapping) <paramref name="to"/> is from this key: <c>to - this</c> mod 2^160.</summary>
    public Key ClockwiseDistance(Key to) => to - this;

    /// <summary>How far counter-clockwise <paramref name="to"/> is from this key: <c>this - to</c> mod 2^160.</summary>
    public Key CounterClockwiseDistance(Key to) => this - to;

    /// <summary>The shorter of the two ways round the ring between this key and <paramref name="other"/>.</summary>
    public Key AbsoluteDistance(Key other)
    {
        var clockwise = ClockwiseDistance(other);
        var counter = CounterClockwiseDistance(other);
        return clockwise <= counter ? clockwise : counter;
    }

    /// <summary>
    /// True when this key lies strictly inside the clockwise interval from <paramref name="start"/> to
    /// <paramref name="end"/>: (start, end). When start == end the interval is the whole ring but start.
    /// </summary>
    public bool IsBetween(Key start, Key end)
    {
        var offset = start.ClockwiseDistance(this);
        if (offset == Zero) return false;
        return start == end || offset < start.ClockwiseDistance(end);
    }

    /// <summary>(start, end]: when start == end, the whole ring.</summary>
    public bool IsBetweenRightInclusive(Key start, Key end) => this == end || IsBetween(start, end);

    /// <summary>[start, end): when start == end, the whole ring.</summary>
    public bool IsBetweenLeftInclusive(Key start, Key end) => this == start || IsBetween(start, end);

    /// <summary>[start, end]: when start == end, the whole ring.</summary>
    public bool IsBetweenInclusive(Key start, Key end) => this == start || this == end || IsBetween(start, end);
}
