using System.Text;
using Mace.Checking.Tracing;
using Mace.Runtime;
using Mace.Runtime.Tracing;

namespace Mace.Checking.Execution;

/// <summary>
/// Records a readable trace while a world replays: before each step the event and the node's
/// printed state, after it the service trace records and a line diff of the printed state.
/// </summary>
internal sealed class StepRecorder : ITraceSink
{
    private readonly List<string> _records = [];
    private readonly List<TraceRecord> _entries = [];
    private int _step;
    private int _node;
    private string _event = "";
    private string _kind = "";
    private DateTime _time;
    private (int Node, int Step)? _sender;
    private string[] _before = [];

    public List<TraceStep> Steps { get; } = [];

    /// <summary>What each node's services recorded while the world started them, by node.</summary>
    public Dictionary<int, List<TraceRecord>> StartRecords { get; } = [];

    public void BeginStep(CheckWorld world, int step, EnabledEvent chosen)
    {
        _step = step;
        _node = world.NodeOf(chosen);
        _event = world.Describe(chosen);
        _kind = CheckWorld.KindName(chosen);
        _sender = world.SenderOf(chosen);
        _time = world.Now;
        _before = PrintNode(world, _node);
        _records.Clear();
        _entries.Clear();
    }

    public void EndStep(CheckWorld world)
    {
        var after = PrintNode(world, _node);
        Steps.Add(new TraceStep(_step, _node, _event, [.. _records], Diff(_before, after))
        {
            Kind = _kind,
            Time = _time,
            Entries = [.. _entries],
            StateAfter = after,
            SenderNode = _sender?.Node ?? -1,
            SenderStep = _sender?.Step ?? 0,
        });
    }

    public void Record(in TraceRecord record)
    {
        if (Steps.Count == 0 && _event.Length == 0)
        {
            // Before the first step: the world is starting its nodes.
            var node = record.Node.Kind == NodeAddressKind.Simulated ? record.Node.SimulatedId : -1;
            if (!StartRecords.TryGetValue(node, out var list)) StartRecords[node] = list = [];
            list.Add(record);
            return;
        }
        var text = new StringBuilder().Append(record.Service).Append('.').Append(record.Event);
        if (record.Details is { Length: > 0 } details) text.Append(' ').Append(details);
        _records.Add(text.ToString());
        _entries.Add(record);
    }

    /// <summary>The printed state of every service on <paramref name="node"/>, one line each; "(down)" when it is not alive.</summary>
    public static string[] PrintNode(CheckWorld world, int node)
    {
        if (world.NodeAt(node) is not { } n) return ["(down)"];
        var lines = new List<string>();
        foreach (var service in n.Services)
        {
            if (service is not ServiceBase s) continue;
            foreach (var line in s.PrintState().Split('\n'))
            {
                if (line.Length > 0) lines.Add(line.TrimEnd());
            }
        }
        return [.. lines];
    }

    private static string[] Diff(string[] before, string[] after)
    {
        var changes = new List<string>();
        var count = Math.Max(before.Length, after.Length);
        for (var i = 0; i < count; i++)
        {
            var old = i < before.Length ? before[i] : null;
            var now = i < after.Length ? after[i] : null;
            if (old == now) continue;
            if (old is not null) changes.Add("- " + old.Trim());
            if (now is not null) changes.Add("+ " + now.Trim());
        }
        return [.. changes];
    }
}
