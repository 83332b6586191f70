using Mace.Runtime;

namespace Mace.Experiments;

/// <summary>One group lookup of the churn experiment: who asked, which owner each requester reached.</summary>
internal sealed class ChurnLookup(Key key, long start, bool measured)
{
    public Key Key { get; } = key;

    public long Start { get; } = start;

    public bool Measured { get; } = measured;

    public int Issued { get; set; }

    public Dictionary<int, int> Owners { get; } = [];

    public Dictionary<int, int> Hops { get; } = [];

    /// <summary>True when more than half of the requesters reached one owner.</summary>
    public bool IsConsistent =>
        Issued > 0 && Owners.Count > 0 && Owners.Values.GroupBy(o => o).Max(g => g.Count()) * 2 > Issued;
}
