using System.Numerics;
using CsCheck;
using Mace.Runtime;

namespace Mace.Runtime.Tests.Keys;

/// <summary>A BigInteger model of keys for property tests, and generators biased toward the edges.</summary>
internal static class KeyModel
{
    public static readonly BigInteger Modulus = BigInteger.One << 160;

    public static BigInteger ToBig(Key key) => new(key.ToByteArray(), isUnsigned: true, isBigEndian: true);

    public static Key FromBig(BigInteger value)
    {
        value %= Modulus;
        if (value.Sign < 0) value += Modulus;
        var bytes = new byte[Key.ByteLength];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, Key.ByteLength - raw.Length);
        return Key.FromBytes(bytes);
    }

    // Mostly uniform words, with zeros and all-ones often enough to hit carries and wrap-around.
    private static readonly Gen<ulong> s_word = Gen.Frequency((6, Gen.ULong), (1, Gen.Const(0UL)), (1, Gen.Const(ulong.MaxValue)));

    private static readonly Gen<uint> s_lowWord = Gen.Frequency((6, Gen.UInt), (1, Gen.Const(0u)), (1, Gen.Const(uint.MaxValue)));

    public static readonly Gen<Key> AnyKey = Gen.Select(s_word, s_word, s_lowWord, (h, m, l) => new Key(h, m, l));
}
