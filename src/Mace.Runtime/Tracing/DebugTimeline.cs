namespace Mace.Runtime.Tracing;

/// <summary>What one node looks like at a debugger cursor.</summary>
/// <param name="Node">The node's address.</param>
/// <param name="LastEvent">The global step of the node's last event at or before the cursor, or -1 when it has run none yet.</param>
/// <param name="EventsRun">How many of its events are at or before the cursor.</param>
/// <param name="State">Its state as the latest state-level (<c>trace = high</c>) record at or before the cursor printed it, or null when the log has none.</param>
/// <param name="StateStep">The global step whose record gave <paramref name="State"/>, or -1.</param>
public sealed record NodeAtCursor(string Node, int LastEvent, int EventsRun, string? State, int StateStep);

/// <summary>
/// MDB's model of a run: every node's events merged into one global order that respects causality
/// (time order, except that no delivery precedes the event that sent it), and a cursor over it.
/// Step <c>i</c> is the i-th event; cursor <c>c</c> means steps 0..c have run (-1: none). Moves are
/// global or per node; at any cursor each node's state is the latest one its state-level records
/// printed. Shared by the web debugger and the terminal one (<c>mace mdb</c>).
/// </summary>
public sealed class DebugTimeline
{
    private readonly Dictionary<CausalEvent, int> _steps = [];
    private readonly int[] _causes;
    private readonly Dictionary<string, List<int>> _byNode = new(StringComparer.Ordinal);

    /// <summary>A timeline of <paramref name="records"/> (from one or many node logs).</summary>
    public DebugTimeline(IEnumerable<TraceLogRecord> records)
    {
        History = new CausalHistory(records);
        Steps = [.. History.InCausalOrder()];
        for (var i = 0; i < Steps.Count; i++)
        {
            _steps[Steps[i]] = i;
            if (!_byNode.TryGetValue(Steps[i].Node, out var list)) _byNode[Steps[i].Node] = list = [];
            list.Add(i);
        }
        _causes = [.. Steps.Select(e => e.Cause is { } c ? _steps[c] : -1)];
        Nodes = [.. _byNode.Keys.OrderBy(n => _byNode[n][0])];
        HasState = Steps.Any(e => e.Records.Any(r => r.State is not null));
    }

    /// <summary>The events grouped and linked by their causes.</summary>
    public CausalHistory History { get; }

    /// <summary>Every event, in the global order; the index is the step.</summary>
    public IReadOnlyList<CausalEvent> Steps { get; }

    /// <summary>The nodes, in the order of their first event.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>True when some record carries a node's state (the log was written at level high).</summary>
    public bool HasState { get; }

    /// <summary>The step of the event that sent the message step <paramref name="step"/> delivers, or -1.</summary>
    public int CauseOf(int step) => _causes[step];

    /// <summary>The global step of <paramref name="e"/>.</summary>
    public int StepOf(CausalEvent e) => _steps[e];

    /// <summary>Every message in the logs: the sending event's step and the delivering event's step.</summary>
    public IEnumerable<(int From, int To)> Messages()
    {
        for (var i = 0; i < _causes.Length; i++) if (_causes[i] >= 0) yield return (_causes[i], i);
    }

    /// <summary>The cursor after one step forward: globally, or to <paramref name="node"/>'s next event. Stays put at the end.</summary>
    public int Next(int cursor, string? node = null)
    {
        if (node is null) return Math.Min(cursor + 1, Steps.Count - 1);
        if (!_byNode.TryGetValue(node, out var steps)) throw new ArgumentException($"no node {node} in the logs", nameof(node));
        var at = steps.BinarySearch(cursor + 1);
        if (at < 0) at = ~at;
        return at < steps.Count ? steps[at] : cursor;
    }

    /// <summary>
    /// The cursor after one step back: globally, or to just before <paramref name="node"/>'s last
    /// event at or before the cursor (undoing it). Stays put at the start (-1).
    /// </summary>
    public int Previous(int cursor, string? node = null)
    {
        if (node is null) return Math.Max(cursor - 1, -1);
        if (!_byNode.TryGetValue(node, out var steps)) throw new ArgumentException($"no node {node} in the logs", nameof(node));
        var at = steps.BinarySearch(cursor);
        if (at < 0) at = ~at - 1;
        return at >= 0 ? steps[at] - 1 : cursor;
    }

    /// <summary>Every node's position and state with steps 0..<paramref name="cursor"/> run.</summary>
    public IReadOnlyList<NodeAtCursor> At(int cursor)
    {
        var views = new List<NodeAtCursor>(Nodes.Count);
        foreach (var node in Nodes)
        {
            var steps = _byNode[node];
            var at = steps.BinarySearch(cursor);
            var run = at >= 0 ? at + 1 : ~at;
            string? state = null;
            var stateStep = -1;
            for (var k = run - 1; k >= 0 && state is null; k--)
            {
                var records = Steps[steps[k]].Records;
                for (var r = records.Count - 1; r >= 0; r--)
                {
                    if (records[r].State is { } s)
                    {
                        state = s;
                        stateStep = steps[k];
                        break;
                    }
                }
            }
            views.Add(new NodeAtCursor(node, run > 0 ? steps[run - 1] : -1, run, state, stateStep));
        }
        return views;
    }

    /// <summary>
    /// The causal path <paramref name="step"/> is on: back through the messages that caused it to
    /// the event that started it (a timer, a call), then every event that start's messages led to.
    /// </summary>
    public IReadOnlyList<int> PathOf(int step)
    {
        var root = step;
        while (_causes[root] >= 0) root = _causes[root];
        var path = new List<int>();
        var frontier = new Queue<CausalEvent>();
        frontier.Enqueue(Steps[root]);
        while (frontier.Count > 0)
        {
            var e = frontier.Dequeue();
            path.Add(_steps[e]);
            foreach (var next in e.Effects) frontier.Enqueue(next);
        }
        path.Sort();
        return path;
    }

    /// <summary>The first step at or after <paramref name="from"/> whose record names contain <paramref name="text"/> (ignoring case), or -1.</summary>
    public int Find(string text, int from = 0)
    {
        for (var i = Math.Max(from, 0); i < Steps.Count; i++)
        {
            if (Steps[i].Records.Any(r => (r.Service + "." + r.Event).Contains(text, StringComparison.OrdinalIgnoreCase))) return i;
        }
        return -1;
    }
}
