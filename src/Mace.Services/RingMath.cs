using System.Collections.Concurrent;
using Mace.Runtime;

namespace Mace.Services;

/// <summary>
/// Pure ring and prefix arithmetic shared by the overlays (Pastry, Bamboo, Chord). Node ids are the
/// SHA-1 of the address, cached: a pure function, so the cache cannot affect determinism. Simulated
/// addresses (dense small ids) are cached per thread in an array indexed by the id, the overlays'
/// hottest lookup in a large simulation; other addresses in one process-wide dictionary.
/// </summary>
public static class RingMath
{
    /// <summary>Bits per Pastry digit (base 16).</summary>
    public const int DigitBits = 4;

    /// <summary>Pastry table columns.</summary>
    public const int Columns = 1 << DigitBits;

    private static readonly ConcurrentDictionary<NodeAddress, Key> s_ids = new();

    [ThreadStatic] private static Key[]? t_simulatedIds;
    [ThreadStatic] private static bool[]? t_simulatedKnown;

    /// <summary>The id of <paramref name="node"/>.</summary>
    public static Key IdOf(NodeAddress node)
    {
        if (node.Kind != NodeAddressKind.Simulated) return s_ids.GetOrAdd(node, static n => Key.FromAddress(n));
        var id = node.SimulatedId;
        var known = t_simulatedKnown;
        if (known is not null && (uint)id < (uint)known.Length && known[id]) return t_simulatedIds![id];
        return CacheSimulated(node, id);
    }

    private static Key CacheSimulated(NodeAddress node, int id)
    {
        var known = t_simulatedKnown ?? [];
        var ids = t_simulatedIds ?? [];
        if (id >= known.Length)
        {
            var length = Math.Max(1024, known.Length);
            while (length <= id) length *= 2;
            Array.Resize(ref known, length);
            Array.Resize(ref ids, length);
            t_simulatedKnown = known;
            t_simulatedIds = ids;
        }
        var key = Key.FromAddress(node);
        ids[id] = key;
        known[id] = true;
        return key;
    }

    /// <summary>The clockwise midpoint of (from, to].</summary>
    public static Key Midpoint(Key from, Key to)
    {
        var d = from.ClockwiseDistance(to);
        var half = new Key(d.High >> 1, (d.Middle >> 1) | (d.High << 63), (d.Low >> 1) | ((uint)(d.Middle & 1) << 31));
        return from + half;
    }

    /// <summary>True when <paramref name="a"/> is strictly closer to <paramref name="key"/> than <paramref name="b"/> (ties go to the smaller id).</summary>
    public static bool Closer(Key key, NodeAddress a, NodeAddress b)
    {
        var da = IdOf(a).AbsoluteDistance(key);
        var db = IdOf(b).AbsoluteDistance(key);
        return da != db ? da < db : IdOf(a) < IdOf(b);
    }

    /// <summary>The node of <paramref name="candidates"/> (and <paramref name="self"/>) numerically closest to <paramref name="key"/>.</summary>
    public static NodeAddress Closest(Key key, NodeAddress self, IEnumerable<NodeAddress> candidates)
    {
        var best = self;
        foreach (var n in candidates) if (Closer(key, n, best)) best = n;
        return best;
    }

    /// <summary>The node of a leaf set's two halves (and <paramref name="self"/>) numerically closest to <paramref name="key"/>.</summary>
    public static NodeAddress Closest(Key key, NodeAddress self, List<NodeAddress> clockwise, List<NodeAddress> counterClockwise)
    {
        var best = self;
        foreach (var n in clockwise) if (Closer(key, n, best)) best = n;
        foreach (var n in counterClockwise) if (Closer(key, n, best)) best = n;
        return best;
    }

    /// <summary>
    /// The nodes of <paramref name="first"/>, then those of <paramref name="second"/> not already
    /// listed, in order: <c>first.Union(second).ToList()</c> for a leaf set's two halves, without a
    /// hash set for a dozen entries.
    /// </summary>
    public static List<NodeAddress> Union(List<NodeAddress> first, List<NodeAddress> second)
    {
        var all = new List<NodeAddress>(first.Count + second.Count);
        foreach (var n in first) if (!all.Contains(n)) all.Add(n);
        foreach (var n in second) if (!all.Contains(n)) all.Add(n);
        return all;
    }

    /// <summary>
    /// Pastry's next hop for <paramref name="key"/> from <paramref name="self"/>, given its leaf set
    /// halves and routing table: the numerically closest of the leaf set when the key falls within
    /// it (or the leaf set is not full yet); else the table's entry for the key's next digit; else
    /// the numerically closest known node sharing at least as long a prefix with the key as
    /// <paramref name="self"/> does; <paramref name="self"/> when there is none (or no leaf at all).
    /// </summary>
    public static NodeAddress NextHop(Key key, NodeAddress self, List<NodeAddress> clockwise, List<NodeAddress> counterClockwise, Dictionary<int, NodeAddress> table, int halfLeaves)
    {
        if (clockwise.Count == 0) return self;
        if (clockwise.Count < halfLeaves || counterClockwise.Count < halfLeaves || key.IsBetweenInclusive(IdOf(counterClockwise[^1]), IdOf(clockwise[^1])))
            return Closest(key, self, clockwise, counterClockwise);
        var me = IdOf(self);
        var slot = SlotFor(me, key);
        if (slot >= 0 && table.TryGetValue(slot, out var hop)) return hop;
        // A node listed twice (a leaf also in the table) cannot change the result: only a strictly
        // closer node replaces the best so far.
        var row = me.SharedPrefixLength(key, DigitBits);
        var best = self;
        foreach (var n in clockwise) best = CloserSharing(key, row, n, best);
        foreach (var n in counterClockwise) best = CloserSharing(key, row, n, best);
        foreach (var n in table.Values) best = CloserSharing(key, row, n, best);
        return best;
    }

    private static NodeAddress CloserSharing(Key key, int row, NodeAddress candidate, NodeAddress best) =>
        IdOf(candidate).SharedPrefixLength(key, DigitBits) >= row && Closer(key, candidate, best) ? candidate : best;

    /// <summary>
    /// Inserts <paramref name="node"/> into one half of a leaf set (sorted by distance from
    /// <paramref name="self"/> in one direction, at most <paramref name="max"/> long): true when it changed.
    /// </summary>
    public static bool AddLeaf(List<NodeAddress> side, Key self, NodeAddress node, bool clockwise, int max)
    {
        var d = Distance(self, IdOf(node), clockwise);
        // Most nodes learned are farther than a full side's last leaf (the side is sorted).
        if (side.Count >= max && Distance(self, IdOf(side[^1]), clockwise) < d) return false;
        if (side.Contains(node)) return false;
        var at = 0;
        while (at < side.Count && Distance(self, IdOf(side[at]), clockwise) < d) at++;
        if (at >= max) return false;
        side.Insert(at, node);
        if (side.Count > max) side.RemoveAt(side.Count - 1);
        return true;
    }

    /// <summary>The distance from <paramref name="self"/> to <paramref name="to"/>, clockwise or counter-clockwise.</summary>
    public static Key Distance(Key self, Key to, bool clockwise) => clockwise ? self.ClockwiseDistance(to) : self.CounterClockwiseDistance(to);

    /// <summary>The Pastry table slot (row * 16 + column) for <paramref name="node"/> seen from <paramref name="self"/>, or -1.</summary>
    public static int Slot(Key self, NodeAddress node)
    {
        var id = IdOf(node);
        var row = self.SharedPrefixLength(id, DigitBits);
        return row >= Key.DigitCount(DigitBits) ? -1 : (row * Columns) + (int)id.Digit(row, DigitBits);
    }

    /// <summary>The Pastry table slot where a message for <paramref name="key"/> goes next from <paramref name="self"/>, or -1.</summary>
    public static int SlotFor(Key self, Key key)
    {
        var row = self.SharedPrefixLength(key, DigitBits);
        return row >= Key.DigitCount(DigitBits) ? -1 : (row * Columns) + (int)key.Digit(row, DigitBits);
    }

    /// <summary>A random key sharing the first <paramref name="row"/> digits with <paramref name="self"/> and digit <paramref name="column"/> next.</summary>
    public static Key SampleKey(Key self, int row, int column, Func<int, int> randInt)
    {
        var key = self.WithDigit(row, DigitBits, (uint)column);
        for (var i = row + 1; i < Key.DigitCount(DigitBits); i++) key = key.WithDigit(i, DigitBits, (uint)randInt(Columns));
        return key;
    }
}
