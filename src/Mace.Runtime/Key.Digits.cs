namespace Mace.Runtime;

/// <summary>Digits in base 2^b and shared prefixes, read from the most significant bit.</summary>
public readonly partial struct Key
{
    /// <summary>The largest digit width supported.</summary>
    public const int MaxBitsPerDigit = 32;

    /// <summary>The number of base-2^<paramref name="bitsPerDigit"/> digits in a key (the last may be partial).</summary>
    public static int DigitCount(int bitsPerDigit)
    {
        CheckBitsPerDigit(bitsPerDigit);
        return (BitLength + bitsPerDigit - 1) / bitsPerDigit;
    }

    /// <summary>
    /// Digit <paramref name="index"/> (0 = most significant) in base 2^<paramref name="bitsPerDigit"/>.
    /// When 160 is not a multiple of the width, the last digit is padded with zero bits on the right.
    /// </summary>
    public uint Digit(int index, int bitsPerDigit)
    {
        var count = DigitCount(bitsPerDigit);
        if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index), $"digit {index} of {count}");
        var window = BitsFrom(index * bitsPerDigit);
        return (uint)(window >> (64 - bitsPerDigit));
    }

    /// <summary>Bit <paramref name="index"/> (0 = most significant).</summary>
    public bool Bit(int index)
    {
        if ((uint)index >= BitLength) throw new ArgumentOutOfRangeException(nameof(index));
        return (BitsFrom(index) >> 63) != 0;
    }

    /// <summary>The number of leading digits this key shares with <paramref name="other"/>.</summary>
    public int SharedPrefixLength(Key other, int bitsPerDigit)
    {
        CheckBitsPerDigit(bitsPerDigit);
        var bits = SharedPrefixBits(other);
        return bits == BitLength ? DigitCount(bitsPerDigit) : bits / bitsPerDigit;
    }

    /// <summary>The number of leading bits this key shares with <paramref name="other"/> (160 when equal).</summary>
    public int SharedPrefixBits(Key other) =>
        new Key(_high ^ other._high, _middle ^ other._middle, _low ^ other._low).LeadingZeroCount();

    /// <summary>This key with digit <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    public Key WithDigit(int index, int bitsPerDigit, uint value)
    {
        var count = DigitCount(bitsPerDigit);
        if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index), $"digit {index} of {count}");
        if (bitsPerDigit < 32 && value >= 1u << bitsPerDigit) throw new ArgumentOutOfRangeException(nameof(value));
        var words = new[] { _high, _middle, (ulong)_low << 32 };
        for (var i = 0; i < bitsPerDigit; i++)
        {
            var bit = (index * bitsPerDigit) + i;
            if (bit >= BitLength) break;
            var mask = 1UL << (63 - (bit % 64));
            var set = ((value >> (bitsPerDigit - 1 - i)) & 1) != 0;
            words[bit / 64] = set ? words[bit / 64] | mask : words[bit / 64] & ~mask;
        }
        return new(words[0], words[1], (uint)(words[2] >> 32));
    }

    // The 64 bits starting at bit `start` (0 = most significant), zero past bit 159.
    private ulong BitsFrom(int start)
    {
        var word = start / 64;
        var offset = start % 64;
        var first = Word(word) << offset;
        return offset == 0 ? first : first | (Word(word + 1) >> (64 - offset));
    }

    private ulong Word(int index) => index switch
    {
        0 => _high,
        1 => _middle,
        2 => (ulong)_low << 32,
        _ => 0,
    };

    private static void CheckBitsPerDigit(int bitsPerDigit)
    {
        if (bitsPerDigit is < 1 or > MaxBitsPerDigit) throw new ArgumentOutOfRangeException(nameof(bitsPerDigit), $"bits per digit must be 1 to {MaxBitsPerDigit}");
    }
}
