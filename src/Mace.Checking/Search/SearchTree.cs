namespace Mace.Checking.Search;

/// <summary>
/// The states the exhaustive search found, as a tree of choice segments: each state keeps its parent
/// and the choices that lead from the parent to it, so any state's full choice sequence is rebuilt by
/// walking up. State 0 is the virtual root above the initial states.
/// </summary>
internal sealed class SearchTree
{
    private readonly List<int> _parent = [-1];
    private readonly List<int> _start = [0];
    private readonly List<int> _length = [0];
    private readonly List<int> _depth = [-1];
    private readonly List<int> _choices = [];

    public int Count => _parent.Count;

    /// <summary>Steps from the initial state (initial states are 0; the virtual root is -1).</summary>
    public int Depth(int id) => _depth[id];

    public int Add(int parent, ReadOnlySpan<int> segment)
    {
        _parent.Add(parent);
        _start.Add(_choices.Count);
        _length.Add(segment.Length);
        _depth.Add(_depth[parent] + 1);
        foreach (var choice in segment) _choices.Add(choice);
        return _parent.Count - 1;
    }

    /// <summary>Writes the choice sequence of <paramref name="id"/> into <paramref name="path"/> (grown as needed); returns its length.</summary>
    public int PathOf(int id, ref int[] path)
    {
        var total = 0;
        for (var s = id; s > 0; s = _parent[s]) total += _length[s];
        if (path.Length < total) path = new int[Math.Max(total, path.Length * 2)];
        var end = total;
        for (var s = id; s > 0; s = _parent[s])
        {
            var length = _length[s];
            end -= length;
            for (var i = 0; i < length; i++) path[end + i] = _choices[_start[s] + i];
        }
        return total;
    }
}
