using CsCheck;
using Mace.Runtime;
using static Mace.Runtime.Tests.Keys.KeyModel;

namespace Mace.Runtime.Tests.Keys;

/// <summary>Key arithmetic against a BigInteger model (CsCheck, seeded by its defaults, shrinking on failure).</summary>
public class KeyPropertyTests
{
    private static readonly Gen<int> s_bits = Gen.Int[1, Key.MaxBitsPerDigit];

    [Fact]
    public void Add_MatchesModuloModel() =>
        Gen.Select(AnyKey, AnyKey).Sample((a, b) => Assert.Equal(FromBig(ToBig(a) + ToBig(b)), a + b));

    [Fact]
    public void Subtract_MatchesModuloModel_AndUndoesAdd() =>
        Gen.Select(AnyKey, AnyKey).Sample((a, b) =>
        {
            Assert.Equal(FromBig(ToBig(a) - ToBig(b)), a - b);
            Assert.Equal(a, a + b - b);
            Assert.Equal(Key.Zero, a + -a);
        });

    [Fact]
    public void CompareTo_MatchesUnsignedOrder() =>
        Gen.Select(AnyKey, AnyKey).Sample((a, b) => Assert.Equal(ToBig(a).CompareTo(ToBig(b)), Math.Sign(a.CompareTo(b))));

    [Fact]
    public void HexAndBytes_RoundTrip() =>
        AnyKey.Sample(k =>
        {
            Assert.Equal(k, Key.Parse(k.ToString()));
            Assert.Equal(k, Key.FromBytes(k.ToByteArray()));
        });

    [Fact]
    public void ShortString_IsTheHexPrefix() =>
        Gen.Select(AnyKey, Gen.Int[-2, 2 * Key.ByteLength + 3]).Sample((k, digits) =>
            Assert.Equal(k.ToString()[..Math.Clamp(digits, 1, 2 * Key.ByteLength)], k.ToShortString(digits)));

    [Fact]
    public void Digits_ReassembleTheKey() =>
        Gen.Select(AnyKey, s_bits).Sample((k, bits) =>
        {
            var count = Key.DigitCount(bits);
            var value = System.Numerics.BigInteger.Zero;
            for (var i = 0; i < count; i++) value = (value << bits) + k.Digit(i, bits);
            var padding = (count * bits) - Key.BitLength;
            Assert.Equal(ToBig(k), value >> padding);
        });

    [Fact]
    public void SharedPrefixLength_IsTheFirstDifferingDigit() =>
        Gen.Select(AnyKey, AnyKey, s_bits, Gen.Int[0, 160]).Sample((a, noise, bits, keepBits) =>
        {
            // b shares at least keepBits leading bits with a.
            var mask = keepBits == 160 ? Key.Zero : FromBig((System.Numerics.BigInteger.One << (160 - keepBits)) - 1);
            var b = FromBig(ToBig(a) ^ (ToBig(noise) & ToBig(mask)));
            var shared = a.SharedPrefixLength(b, bits);
            for (var i = 0; i < shared; i++) Assert.Equal(a.Digit(i, bits), b.Digit(i, bits));
            if (shared < Key.DigitCount(bits)) Assert.NotEqual(a.Digit(shared, bits), b.Digit(shared, bits));
            Assert.True(a.SharedPrefixBits(b) >= keepBits);
        });

    [Fact]
    public void ClockwiseDistances_SumToTheRing() =>
        Gen.Select(AnyKey, AnyKey).Sample((a, b) =>
        {
            Assert.Equal(Key.Zero, a.ClockwiseDistance(b) + b.ClockwiseDistance(a));
            Assert.Equal(a.AbsoluteDistance(b), b.AbsoluteDistance(a));
            Assert.True(a.AbsoluteDistance(b) <= a.ClockwiseDistance(b));
        });

    [Fact]
    public void IsBetween_MatchesClockwiseOffsetModel() =>
        Gen.Select(AnyKey, AnyKey, AnyKey).Sample((x, s, e) =>
        {
            var offset = (ToBig(x) - ToBig(s) + Modulus) % Modulus;
            var span = s == e ? Modulus : (ToBig(e) - ToBig(s) + Modulus) % Modulus;
            Assert.Equal(offset > 0 && offset < span, x.IsBetween(s, e));
            Assert.Equal((offset > 0 && offset <= span) || (s == e), x.IsBetweenRightInclusive(s, e));
        });

    [Fact]
    public void KeyRange_ContainsExactlyTheHalfOpenInterval() =>
        Gen.Select(AnyKey, AnyKey, AnyKey).Sample((x, s, e) =>
        {
            var range = new KeyRange(s, e);
            Assert.Equal(x.IsBetweenRightInclusive(s, e), range.Contains(x));
            Assert.True(range.Contains(e));
            Assert.Equal(s == e, range.Contains(s));
            Assert.False(KeyRange.Empty.Contains(x));
            Assert.True(KeyRange.Full.Contains(x));
        });
}
