using Mace.Runtime;

namespace Mace.Runtime.Tests.Keys;

public class KeyRangeTests
{
    private static Key K(uint low) => new(0, 0, low);

    [Fact]
    public void Contains_IsHalfOpen()
    {
        var range = new KeyRange(K(10), K(20));
        Assert.False(range.Contains(K(10)));
        Assert.True(range.Contains(K(11)));
        Assert.True(range.Contains(K(20)));
        Assert.False(range.Contains(K(21)));
        Assert.False(range.Wraps);
        Assert.Equal(K(10), range.Size);
    }

    [Fact]
    public void Contains_WrappingRange_CoversBothEnds()
    {
        var range = new KeyRange(Key.MaxValue - K(1), K(1));
        Assert.True(range.Wraps);
        Assert.True(range.Contains(Key.MaxValue));
        Assert.True(range.Contains(Key.Zero));
        Assert.True(range.Contains(K(1)));
        Assert.False(range.Contains(K(2)));
        Assert.False(range.Contains(Key.MaxValue - K(1)));
        Assert.Equal(K(3), range.Size);
    }

    [Fact]
    public void EqualBounds_IsFull_AndEmptyHoldsNothing()
    {
        var full = new KeyRange(K(7), K(7));
        Assert.True(full.IsFull);
        Assert.True(full.Contains(K(7)));
        Assert.Equal(KeyRange.Full, full);
        Assert.True(KeyRange.Empty.IsEmpty);
        Assert.False(KeyRange.Empty.Contains(Key.Zero));
        Assert.NotEqual(KeyRange.Empty, KeyRange.Full);
        Assert.Equal("empty", KeyRange.Empty.ToString());
    }

    [Fact]
    public void Equality_ComparesBounds()
    {
        Assert.Equal(new KeyRange(K(1), K(2)), new KeyRange(K(1), K(2)));
        Assert.NotEqual(new KeyRange(K(1), K(2)), new KeyRange(K(1), K(3)));
        Assert.Equal(new KeyRange(K(1), K(1)).GetHashCode(), KeyRange.Full.GetHashCode());
    }
}
