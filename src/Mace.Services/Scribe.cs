using Mace.Runtime;

namespace Mace.Services;

/// <summary>Key arithmetic for <see cref="Scribe"/>'s children bound (plain C#).</summary>
public sealed partial class Scribe
{
    /// <summary>How many leading hex digits <paramref name="a"/> and <paramref name="b"/> share (0 to 40).</summary>
    public static int SharedDigits(Key a, Key b)
    {
        Span<byte> x = stackalloc byte[Key.ByteLength];
        Span<byte> y = stackalloc byte[Key.ByteLength];
        a.WriteBytes(x);
        b.WriteBytes(y);
        var digits = 0;
        for (var i = 0; i < Key.ByteLength; i++)
        {
            if ((x[i] >> 4) != (y[i] >> 4)) return digits;
            digits++;
            if ((x[i] & 0x0F) != (y[i] & 0x0F)) return digits;
            digits++;
        }
        return digits;
    }
}
