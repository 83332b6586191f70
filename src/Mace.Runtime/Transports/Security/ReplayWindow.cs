namespace Mace.Runtime.Transports.Security;

/// <summary>
/// The anti-replay window of one sender (as IPsec's, RFC 4303 section 3.4.3): the highest sequence
/// number accepted and a bitmap of the <see cref="Size"/> numbers below it. A number at or below
/// the window's bottom, or already seen, is a replay. Not thread-safe: one receive loop owns it.
/// </summary>
internal sealed class ReplayWindow
{
    /// <summary>How many sequence numbers below the highest are still accepted once each.</summary>
    public const int Size = 64;

    private ulong _highest;
    private ulong _seen; // bit i: _highest - i was accepted
    private bool _any;

    /// <summary>Accepts <paramref name="sequence"/> once: false for a replay or a number too old.</summary>
    public bool TryAccept(ulong sequence)
    {
        if (!_any || sequence > _highest)
        {
            var shift = _any ? sequence - _highest : Size;
            _seen = shift >= Size ? 1UL : (_seen << (int)shift) | 1UL;
            _highest = sequence;
            _any = true;
            return true;
        }
        var offset = _highest - sequence;
        if (offset >= Size) return false;
        var bit = 1UL << (int)offset;
        if ((_seen & bit) != 0) return false;
        _seen |= bit;
        return true;
    }
}
