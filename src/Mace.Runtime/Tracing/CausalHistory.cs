using System.Globalization;
using System.Text;

namespace Mace.Runtime.Tracing;

/// <summary>One event of a <see cref="CausalHistory"/>: a node's event number and its trace records.</summary>
public sealed class CausalEvent(string node, long id, IReadOnlyList<TraceLogRecord> records)
{
    /// <summary>The node's address as logged.</summary>
    public string Node { get; } = node;

    /// <summary>The node's event number.</summary>
    public long Id { get; } = id;

    /// <summary>The records of the event, outermost first.</summary>
    public IReadOnlyList<TraceLogRecord> Records { get; } = records;

    /// <summary>The first record's <c>Service.Event</c>: what started the event.</summary>
    public string Name => Records[0].Service + "." + Records[0].Event;

    /// <summary>When the event ran.</summary>
    public DateTime Time => Records[0].Time;

    /// <summary>How long it ran (from its end entry); null when the log has none.</summary>
    public TimeSpan? Duration => Records[0].Duration;

    /// <summary>The causal path it is on (a trace id); null when none.</summary>
    public string? Path => Records.FirstOrDefault(r => r.Path is not null).Path;

    /// <summary>The event that sent the message this one delivers, when it is in the logs.</summary>
    public CausalEvent? Cause { get; internal set; }

    /// <summary>The events that deliver messages this one sent.</summary>
    public List<CausalEvent> Effects { get; } = [];

    public override string ToString() => $"{Node}#{Id} {Name}";
}

/// <summary>One causal path: a start event and every event its messages led to, on every node.</summary>
/// <param name="Start">The seed event.</param>
/// <param name="Events">The path's events, breadth first from the seed, each with its hop count (messages from the seed).</param>
public sealed record CausalPath(CausalEvent Start, IReadOnlyList<(CausalEvent Event, int Hops)> Events)
{
    private readonly Dictionary<CausalEvent, List<CausalEvent>>? _children;

    /// <summary>A path declared in the <c>.mace</c> file: <paramref name="id"/> is its trace id, <paramref name="kind"/> the event that started it, <paramref name="children"/> each member's members.</summary>
    internal CausalPath(CausalEvent start, IReadOnlyList<(CausalEvent Event, int Hops)> events, string id, string kind, Dictionary<CausalEvent, List<CausalEvent>> children)
        : this(start, events)
    {
        Id = id;
        Kind = kind;
        _children = children;
    }

    /// <summary>The path's trace id (32 hex digits) when it was declared in the <c>.mace</c> file; null for one followed from <c>--start</c>.</summary>
    public string? Id { get; }

    /// <summary>The <c>Service.Event</c> that started a declared path (its <c>[path=start]</c> transition's event); null otherwise.</summary>
    public string? Kind { get; }

    /// <summary>The members caused by <paramref name="e"/>: the deliveries of its messages and, on a declared path, the timer events it set.</summary>
    public IEnumerable<CausalEvent> ChildrenOf(CausalEvent e)
    {
        if (_children is not null) return _children.TryGetValue(e, out var list) ? list : [];
        var members = Events.Select(m => m.Event).ToHashSet();
        return e.Effects.Where(members.Contains);
    }

    /// <summary>How long the path's events ran in all (their end entries); zero when the logs have none.</summary>
    public TimeSpan Busy => TimeSpan.FromTicks(Events.Sum(m => m.Event.Duration?.Ticks ?? 0));

    /// <summary>The most messages between the seed and any event of the path.</summary>
    public int Hops => Events.Max(e => e.Hops);

    /// <summary>The distinct nodes the path visits.</summary>
    public int Nodes => Events.Select(e => e.Event.Node).Distinct(StringComparer.Ordinal).Count();

    /// <summary>From the seed to the path's last event.</summary>
    public TimeSpan Latency => Events.Max(e => e.Event.Time) - Start.Time;
}

/// <summary>
/// The events of one or more trace logs joined by their causal links (a delivery's sending event):
/// causal paths from a named seed event, and vector clocks for ShiViz.
/// </summary>
public sealed class CausalHistory
{
    private readonly Dictionary<(string Node, long Id), CausalEvent> _events = [];

    /// <summary>Groups <paramref name="records"/> into events and links each delivery to its sender's event.</summary>
    public CausalHistory(IEnumerable<TraceLogRecord> records)
    {
        var grouped = new Dictionary<(string, long), List<TraceLogRecord>>();
        var order = new List<(string, long)>();
        foreach (var r in records)
        {
            var key = (r.Node, r.EventId);
            if (!grouped.TryGetValue(key, out var list))
            {
                grouped[key] = list = [];
                order.Add(key);
            }
            list.Add(r);
        }
        foreach (var key in order) _events[key] = new CausalEvent(key.Item1, key.Item2, grouped[key]);
        Events = [.. order.Select(k => _events[k]).OrderBy(e => e.Time)];
        foreach (var e in Events)
        {
            var first = e.Records[0];
            if (first.CauseNode is { } node && _events.TryGetValue((node, first.CauseEvent), out var cause))
            {
                e.Cause = cause;
                cause.Effects.Add(e);
            }
        }
    }

    /// <summary>Every event, in time order.</summary>
    public IReadOnlyList<CausalEvent> Events { get; }

    /// <summary>Deliveries whose sending event is in the logs.</summary>
    public int Links => Events.Count(e => e.Cause is not null);

    /// <summary>
    /// The paths seeded by every event whose <c>Service.Event</c> (or any of its records') is
    /// <paramref name="start"/> (ignoring case), each followed through the messages it led to.
    /// </summary>
    public List<CausalPath> Paths(string start)
    {
        var paths = new List<CausalPath>();
        foreach (var seed in Events.Where(e => e.Records.Any(r => string.Equals(r.Service + "." + r.Event, start, StringComparison.OrdinalIgnoreCase))))
        {
            var members = new List<(CausalEvent, int)>();
            var seen = new HashSet<CausalEvent>();
            var frontier = new Queue<(CausalEvent, int)>();
            frontier.Enqueue((seed, 0));
            seen.Add(seed);
            while (frontier.Count > 0)
            {
                var (e, hops) = frontier.Dequeue();
                members.Add((e, hops));
                foreach (var next in e.Effects)
                {
                    if (seen.Add(next)) frontier.Enqueue((next, hops + 1));
                }
            }
            paths.Add(new CausalPath(seed, members));
        }
        return paths;
    }

    /// <summary>True when some event is on a path declared in a <c>.mace</c> file (<c>[path=start]</c>).</summary>
    public bool HasDeclaredPaths => Events.Any(e => e.Path is not null);

    /// <summary>
    /// The paths declared in the <c>.mace</c> files: the events of each trace id, from the event
    /// that started it (a <c>[path=start]</c> transition) to where a <c>[path=end]</c> one ended it.
    /// A member is under the event that sent its message or, for a timer, under the path's previous
    /// event on the same node; hops count messages from the start.
    /// </summary>
    public List<CausalPath> DeclaredPaths()
    {
        var byPath = new Dictionary<string, List<CausalEvent>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in Events)
        {
            if (e.Path is not { } id) continue;
            if (!byPath.TryGetValue(id, out var list))
            {
                byPath[id] = list = [];
                order.Add(id);
            }
            list.Add(e);
        }
        var paths = new List<CausalPath>(order.Count);
        foreach (var id in order)
        {
            var members = byPath[id];
            var memberSet = members.ToHashSet();
            // The start: the first member whose cause is not on the path (members are in time order).
            var start = members.FirstOrDefault(m => m.Cause is null || !memberSet.Contains(m.Cause)) ?? members[0];
            var hops = new Dictionary<CausalEvent, int> { [start] = 0 };
            var children = new Dictionary<CausalEvent, List<CausalEvent>>();
            var lastOnNode = new Dictionary<string, CausalEvent>(StringComparer.Ordinal) { [start.Node] = start };
            foreach (var m in members.Where(m => m != start))
            {
                CausalEvent? parent = m.Cause is { } cause && hops.ContainsKey(cause) ? cause : lastOnNode.GetValueOrDefault(m.Node);
                if (parent is null) parent = start;
                hops[m] = hops[parent] + (parent == m.Cause ? 1 : 0);
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(m);
                lastOnNode[m.Node] = m;
            }
            var kindRecord = start.Records.FirstOrDefault(r => r.Path is not null);
            var kind = kindRecord.Service + "." + kindRecord.Event;
            paths.Add(new CausalPath(start, [.. members.Select(m => (m, hops[m]))], id, kind, children));
        }
        return paths;
    }

    /// <summary>
    /// The paths that <paramref name="start"/> names: the declared paths of that kind when the logs
    /// have any, or else every event named <paramref name="start"/> followed through its messages (<see cref="Paths"/>).
    /// </summary>
    public List<CausalPath> PathsFrom(string start)
    {
        if (HasDeclaredPaths)
        {
            var declared = DeclaredPaths().Where(p => string.Equals(p.Kind, start, StringComparison.OrdinalIgnoreCase)).ToList();
            if (declared.Count > 0) return declared;
        }
        return Paths(start);
    }

    /// <summary>
    /// Writes the ShiViz log format: a first line with the parsing regular expression, a blank
    /// line, then per event (in an order consistent with causality) a line <c>HOST {"HOST": n, ...}</c>
    /// with its vector clock and a line with the event.
    /// </summary>
    public void WriteShiViz(TextWriter output)
    {
        output.Write("(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)\n\n");
        var clocks = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var after = new Dictionary<CausalEvent, Dictionary<string, long>>();
        foreach (var e in InCausalOrder())
        {
            if (!clocks.TryGetValue(e.Node, out var clock)) clocks[e.Node] = clock = new Dictionary<string, long>(StringComparer.Ordinal);
            if (e.Cause is { } cause && after.TryGetValue(cause, out var sent))
            {
                foreach (var (host, time) in sent) clock[host] = Math.Max(clock.GetValueOrDefault(host), time);
            }
            clock[e.Node] = clock.GetValueOrDefault(e.Node) + 1;
            if (e.Effects.Count > 0) after[e] = new Dictionary<string, long>(clock, StringComparer.Ordinal);
            var json = new StringBuilder("{");
            foreach (var (host, time) in clock.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (json.Length > 1) json.Append(", ");
                json.Append('"').Append(Escape(host)).Append("\": ").Append(time.ToString(CultureInfo.InvariantCulture));
            }
            json.Append('}');
            var first = e.Records[0];
            var text = first.Details is { } d ? $"{e.Name} {d}" : e.Name;
            output.Write($"{e.Node} {json}\n{text.Replace('\n', ' ')}\n");
        }
    }

    /// <summary>
    /// Every event in time order, except that an event never comes before the event that sent its
    /// message (clocks of real hosts may disagree); a cause missing from the logs holds nothing back.
    /// </summary>
    public IEnumerable<CausalEvent> InCausalOrder()
    {
        var done = new HashSet<CausalEvent>();
        var waiting = new Dictionary<CausalEvent, List<CausalEvent>>();
        var ready = new Stack<CausalEvent>();
        foreach (var e in Events)
        {
            if (e.Cause is { } cause && !done.Contains(cause))
            {
                if (!waiting.TryGetValue(cause, out var list)) waiting[cause] = list = [];
                list.Add(e);
                continue;
            }
            ready.Push(e);
            while (ready.Count > 0)
            {
                var next = ready.Pop();
                done.Add(next);
                yield return next;
                if (waiting.Remove(next, out var released)) for (var i = released.Count - 1; i >= 0; i--) ready.Push(released[i]);
            }
        }
        // Causes that never came (a cycle cannot happen; a cause later than all its effects can only
        // be missing): what is left, in time order.
        foreach (var e in waiting.Values.SelectMany(l => l).OrderBy(e => e.Time)) if (done.Add(e)) yield return e;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
