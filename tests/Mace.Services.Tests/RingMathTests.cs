using Mace.Runtime;
using Mace.Services;
using Xunit;

namespace Mace.Services.Tests;

/// <summary>
/// The leaf-set and next-hop helpers the overlays share, each against the plain definition it
/// replaces (LINQ over the same lists), on seeded random leaf sets and tables.
/// </summary>
public sealed class RingMathTests
{
    private const int HalfLeaves = 8;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AddLeaf_KeepsEachSideTheNearestNodesInOrder(int seed)
    {
        var random = new Random(seed);
        var self = NodeAddress.Simulated(0);
        var me = RingMath.IdOf(self);
        var cw = new List<NodeAddress>();
        var learned = new HashSet<NodeAddress>();
        for (var i = 0; i < 400; i++)
        {
            var node = NodeAddress.Simulated(1 + random.Next(300));
            learned.Add(node);
            var before = cw.ToList();
            var changed = RingMath.AddLeaf(cw, me, node, clockwise: true, HalfLeaves);

            var expected = learned.OrderBy(n => me.ClockwiseDistance(RingMath.IdOf(n))).Take(HalfLeaves).ToList();
            Assert.Equal(expected, cw);
            Assert.Equal(!before.SequenceEqual(cw), changed);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Union_IsLinqUnionInOrder(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var first = Enumerable.Range(0, random.Next(10)).Select(_ => NodeAddress.Simulated(random.Next(12))).ToList();
            var second = Enumerable.Range(0, random.Next(10)).Select(_ => NodeAddress.Simulated(random.Next(12))).ToList();
            Assert.Equal(first.Union(second).ToList(), RingMath.Union(first, second));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NextHop_MatchesTheRoutingRuleWrittenOut(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            var self = NodeAddress.Simulated(random.Next(5000));
            var me = RingMath.IdOf(self);
            var cw = new List<NodeAddress>();
            var ccw = new List<NodeAddress>();
            var table = new Dictionary<int, NodeAddress>();
            var known = random.Next(40);
            for (var i = 0; i < known; i++)
            {
                var node = NodeAddress.Simulated(random.Next(5000));
                if (node == self) continue;
                RingMath.AddLeaf(cw, me, node, clockwise: true, HalfLeaves);
                RingMath.AddLeaf(ccw, me, node, clockwise: false, HalfLeaves);
                var slot = RingMath.Slot(me, node);
                // Some table slots stay empty, so the last rule (any known node) is reached too.
                if (slot >= 0 && random.Next(3) > 0) table[slot] = node;
            }
            for (var k = 0; k < 50; k++)
            {
                var key = RingMath.IdOf(NodeAddress.Simulated(10_000 + random.Next(100_000)));
                Assert.Equal(WrittenOut(key, self, cw, ccw, table), RingMath.NextHop(key, self, cw, ccw, table, HalfLeaves));
            }
        }
    }

    // The rule as the overlays wrote it before it moved into RingMath.
    private static NodeAddress WrittenOut(Key dest, NodeAddress self, List<NodeAddress> cw, List<NodeAddress> ccw, Dictionary<int, NodeAddress> table)
    {
        var me = RingMath.IdOf(self);
        if (cw.Count == 0) return self;
        if (cw.Count < HalfLeaves || ccw.Count < HalfLeaves || dest.IsBetweenInclusive(RingMath.IdOf(ccw[^1]), RingMath.IdOf(cw[^1])))
            return RingMath.Closest(dest, self, cw.Concat(ccw));
        var slot = RingMath.SlotFor(me, dest);
        if (slot >= 0 && table.TryGetValue(slot, out var hop)) return hop;
        var row = me.SharedPrefixLength(dest, RingMath.DigitBits);
        var best = self;
        foreach (var n in cw.Union(ccw).Union(table.Values))
        {
            if (RingMath.IdOf(n).SharedPrefixLength(dest, RingMath.DigitBits) >= row && RingMath.Closer(dest, n, best)) best = n;
        }
        return best;
    }
}
