using System.Runtime.CompilerServices;

namespace Mace.Checking.Search;

/// <summary>An open-addressing set of 64-bit state hashes (linear probing, 0 stands for "empty").</summary>
internal sealed class StateHashSet
{
    private ulong[] _slots = new ulong[1 << 16];
    private bool _hasZero;

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="hash"/>; false when it was already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(ulong hash)
    {
        if (hash == 0)
        {
            if (_hasZero) return false;
            _hasZero = true;
            Count++;
            return true;
        }
        if ((Count + 1) * 2 > _slots.Length) Grow();
        var mask = _slots.Length - 1;
        var i = (int)(hash >> 20) & mask;
        while (true)
        {
            var current = _slots[i];
            if (current == hash) return false;
            if (current == 0)
            {
                _slots[i] = hash;
                Count++;
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>True when <paramref name="hash"/> is present. Safe from many threads while nothing adds.</summary>
    public bool Contains(ulong hash)
    {
        if (hash == 0) return _hasZero;
        var mask = _slots.Length - 1;
        var i = (int)(hash >> 20) & mask;
        while (true)
        {
            var current = _slots[i];
            if (current == hash) return true;
            if (current == 0) return false;
            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var hash in old)
        {
            if (hash == 0) continue;
            var i = (int)(hash >> 20) & mask;
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = hash;
        }
    }
}
