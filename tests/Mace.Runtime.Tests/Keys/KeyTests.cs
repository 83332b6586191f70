using Mace.Runtime;

namespace Mace.Runtime.Tests.Keys;

public class KeyTests
{
    [Fact]
    public void Hash_Abc_IsTheSha1TestVector() =>
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Key.Hash("abc").ToString());

    [Fact]
    public void Hash_Empty_IsTheSha1OfNothing() =>
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", Key.Hash("").ToString());

    [Fact]
    public void Hash_BytesAndUtf8Text_Agree() =>
        Assert.Equal(Key.Hash("héllo"), Key.Hash("héllo"u8));

    [Fact]
    public void FromAddress_IsHashOfTheAddressText()
    {
        var address = NodeAddress.Parse("127.0.0.1:5000");
        Assert.Equal(Key.Hash("127.0.0.1:5000"), Key.FromAddress(address));
        Assert.NotEqual(Key.FromAddress(address), Key.FromAddress(NodeAddress.Parse("127.0.0.1:5001")));
    }

    [Theory]
    [InlineData("a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("A9993E364706816ABA3E25717850C26C9CD0D89D")]
    [InlineData("0xa9993e364706816aba3e25717850c26c9cd0d89d")]
    public void Parse_HexInAnyCase_RoundTripsToLowerCase(string text) =>
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Key.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("a9993e364706816aba3e25717850c26c9cd0d89")]
    [InlineData("a9993e364706816aba3e25717850c26c9cd0d89d0")]
    [InlineData("g9993e364706816aba3e25717850c26c9cd0d89d")]
    public void TryParse_BadText_Fails(string text)
    {
        Assert.False(Key.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Key.Parse(text));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareTo_OrdersByMostSignificantWordFirst()
    {
        Assert.True(new Key(1, 0, 0) > new Key(0, ulong.MaxValue, uint.MaxValue));
        Assert.True(new Key(0, 1, 0) > new Key(0, 0, uint.MaxValue));
        Assert.True(new Key(0, 0, 1) > Key.Zero);
        Assert.Equal(0, new Key(5, 6, 7).CompareTo(new Key(5, 6, 7)));
    }

    [Fact]
    public void Add_CarriesAcrossWords_AndWraps()
    {
        Assert.Equal(new Key(0, 1, 0), new Key(0, 0, uint.MaxValue) + new Key(0, 0, 1));
        Assert.Equal(new Key(1, 0, 0), new Key(0, ulong.MaxValue, uint.MaxValue) + new Key(0, 0, 1));
        Assert.Equal(Key.Zero, Key.MaxValue + new Key(0, 0, 1));
        Assert.Equal(Key.MaxValue, Key.Zero - new Key(0, 0, 1));
    }

    [Fact]
    public void PowerOfTwo_SetsExactlyThatBit()
    {
        Assert.Equal(new Key(0, 0, 1), Key.PowerOfTwo(0));
        Assert.Equal(new Key(0, 1, 0), Key.PowerOfTwo(32));
        Assert.Equal(new Key(1, 0, 0), Key.PowerOfTwo(96));
        Assert.Equal(new Key(1UL << 63, 0, 0), Key.PowerOfTwo(159));
        Assert.Throws<ArgumentOutOfRangeException>(() => Key.PowerOfTwo(160));
    }

    [Fact]
    public void Digit_Base16_ReadsHexDigitsLeftToRight()
    {
        var key = Key.Parse("0123456789abcdef0123456789abcdef01234567");
        var hex = key.ToString();
        Assert.Equal(40, Key.DigitCount(4));
        for (var i = 0; i < 40; i++) Assert.Equal(Convert.ToUInt32(hex[i].ToString(), 16), key.Digit(i, 4));
    }

    [Fact]
    public void Digit_WidthNotDividing160_PadsTheLastDigitWithZeros()
    {
        var key = Key.MaxValue;
        Assert.Equal(54, Key.DigitCount(3));
        Assert.Equal(7u, key.Digit(0, 3));
        Assert.Equal(0b100u, key.Digit(53, 3)); // bit 159 then two padding zeros
        Assert.Throws<ArgumentOutOfRangeException>(() => key.Digit(54, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => key.Digit(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => key.Digit(0, 33));
    }

    [Fact]
    public void SharedPrefixLength_CountsEqualLeadingDigits()
    {
        var a = Key.Parse("abcd000000000000000000000000000000000000");
        var b = Key.Parse("abce000000000000000000000000000000000000");
        Assert.Equal(3, a.SharedPrefixLength(b, 4));
        Assert.Equal(14, a.SharedPrefixBits(b)); // d = 1101, e = 1110
        Assert.Equal(1, a.SharedPrefixLength(b, 8));
        Assert.Equal(40, a.SharedPrefixLength(a, 4));
        Assert.Equal(160, a.SharedPrefixBits(a));
    }

    [Fact]
    public void WithDigit_ReplacesOneDigit()
    {
        var key = Key.Zero.WithDigit(0, 4, 0xA).WithDigit(39, 4, 0xF);
        Assert.Equal("a00000000000000000000000000000000000000f", key.ToString());
    }

    [Fact]
    public void IsBetween_WrapsPastZero()
    {
        var near = new Key(0, 0, 5);
        var high = Key.MaxValue - new Key(0, 0, 5);
        Assert.True(Key.Zero.IsBetween(high, near));
        Assert.True(Key.MaxValue.IsBetween(high, near));
        Assert.False(new Key(0, 0, 6).IsBetween(high, near));
        Assert.False(near.IsBetween(high, near));
        Assert.True(near.IsBetweenRightInclusive(high, near));
        Assert.False(high.IsBetweenRightInclusive(high, near));
        Assert.True(high.IsBetweenLeftInclusive(high, near));
    }

    [Fact]
    public void IsBetween_EqualBounds_IsTheRingButTheBound()
    {
        var k = new Key(3, 4, 5);
        Assert.False(k.IsBetween(k, k));
        Assert.True(Key.Zero.IsBetween(k, k));
        Assert.True(k.IsBetweenRightInclusive(k, k));
    }

    [Fact]
    public void AbsoluteDistance_TakesTheShorterWay()
    {
        var a = new Key(0, 0, 10);
        var b = Key.MaxValue - new Key(0, 0, 9); // 10 below zero, 20 below a
        Assert.Equal(new Key(0, 0, 20), a.AbsoluteDistance(b));
        Assert.Equal(new Key(0, 0, 20), b.AbsoluteDistance(a));
        Assert.Equal(Key.MaxValue - new Key(0, 0, 19), a.ClockwiseDistance(b));
    }

    [Fact]
    public void Equality_AndHashCode_AgreeForEqualKeys()
    {
        Assert.Equal(Key.Hash("x").GetHashCode(), Key.Parse(Key.Hash("x").ToString()).GetHashCode());
        Assert.True(Key.Hash("x") == Key.Parse(Key.Hash("x").ToString()));
        Assert.False(Key.Hash("x").Equals((object)"x"));
    }
}
