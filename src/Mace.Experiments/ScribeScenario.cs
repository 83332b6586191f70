using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// Scribe over Bamboo: <see cref="Groups"/> groups, each with a random set of members (between 5% and
/// 50% of the nodes), join after the overlay has formed; then a random live member of every group
/// publishes once a second. Measured: delivery (each message against the group's live members when
/// it was sent), the depth at which members receive, the relative delay penalty (the delay from the
/// publisher through the tree against the direct one-way delay), and the forwarding load (children
/// per tree node), with churn or without.
/// </summary>
public sealed class ScribeScenario : Scenario
{
    private readonly List<Key> _groups = [];
    private readonly Dictionary<Key, HashSet<int>> _members = [];
    private readonly Dictionary<long, Sent> _sent = [];
    private SimRandom _random = new(1);
    private long _warmup;
    private long _publishFrom;

    /// <summary>The number of groups.</summary>
    public int Groups { get; init; } = 10;

    /// <summary>Initial node i joins the overlay at i times this, through host 0.</summary>
    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <inheritdoc/>
    public override string Name => "scribe";

    /// <inheritdoc/>
    public override string Description => $"Scribe over Bamboo: {Groups} groups of random members publish once a second; delivery, tree depth, relative delay penalty, children per tree node";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["scribe.expected", "scribe.delivered", "churn.deaths"];

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: false);
        var scribe = Scribe.Create(node, Router: stack.Route, Overlay: stack.Overlay);
        scribe.RegisterMulticastData(1, new Receiver(this, node));
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run)
    {
        Run = run;
        _random = new SimRandom(SimRandom.Derive(run.Options.Seed, 53));
        var nodes = run.Options.Nodes;
        _warmup = Math.Min(TimeSpan.FromSeconds(20).Ticks + (nodes * JoinSpacing.Ticks), run.EndTime / 3);
        _publishFrom = Math.Min(_warmup + TimeSpan.FromSeconds(10).Ticks, run.EndTime / 2);
        for (var g = 0; g < Groups; g++)
        {
            var group = Key.Hash($"scribe-group-{g}");
            _groups.Add(group);
            var size = Math.Max(2, (int)(nodes * (0.05 + (0.45 * _random.NextDouble()))));
            var members = new HashSet<int>();
            while (members.Count < Math.Min(size, nodes)) members.Add(_random.NextInt(nodes));
            _members[group] = members;
            foreach (var member in members)
            {
                var host = run.Network.Hosts[member];
                run.InvokeAt(_warmup + _random.NextInt((int)TimeSpan.FromSeconds(5).TotalMilliseconds) * SimTime.TicksPerMillisecond, host,
                    node => node.Find<Scribe>()!.JoinGroup(group));
            }
        }
        run.At(_publishFrom, () => PublishRound(run));
    }

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        OverlayJoins.Schedule(run, host, start, bootstrap, JoinSpacing);
    }

    /// <inheritdoc/>
    public override void OnNodeCrashed(SimulationRun run, SimHost host)
    {
        foreach (var members in _members.Values) members.Remove(host.Id);
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        // Messages still travelling at the end are not judged.
        var judged = _sent.Values.Where(s => run.Now - s.At > TimeSpan.FromSeconds(5).Ticks).ToList();
        var expected = judged.Sum(s => (long)s.Expected.Count);
        var delivered = judged.Sum(s => (long)s.Expected.Count(m => s.Receivers.Contains(m)));
        run.Metrics.Set("scribe.messages", judged.Count);
        run.Metrics.Set("scribe.deliveries.expected", expected);
        run.Metrics.Set("scribe.delivery.per.10000", expected == 0 ? 0 : delivered * 10_000 / expected);
        var load = run.Metrics.Distribution("scribe.children", "children");
        var inner = 0;
        var scribes = run.LiveHosts.Select(h => h.Node?.Find<Scribe>()).OfType<Scribe>().ToList();
        foreach (var scribe in scribes)
        {
            var children = scribe.Children.Values.Sum(c => c.Count);
            if (children == 0) continue;
            inner++;
            load.Add(children);
        }
        run.Metrics.Set("scribe.tree.nodes", inner);
        run.Metrics.Set("scribe.repairs", scribes.Sum(s => s.Repairs));
    }

    private void PublishRound(SimulationRun run)
    {
        foreach (var group in _groups)
        {
            var members = _members[group].Where(m => run.Network.Hosts[m].IsAlive).ToList();
            if (members.Count == 0) continue;
            var publisher = run.Network.Hosts[members[_random.NextInt(members.Count)]];
            var tag = _sent.Count;
            var data = BitConverter.GetBytes((long)tag);
            _sent[tag] = new Sent(run.Now, publisher, [.. members]);
            run.Metrics.Count("scribe.expected", run.Second, members.Count);
            run.InvokeAt(run.Now, publisher, node => node.Find<Scribe>()!.Publish(group, data));
        }
        if (run.Now + SimTime.TicksPerSecond < run.EndTime) run.At(run.Now + SimTime.TicksPerSecond, () => PublishRound(run));
    }

    private void OnReceived(Node node, byte[] data, int depth)
    {
        if (Run is not { } run || data.Length != sizeof(long)) return;
        var tag = BitConverter.ToInt64(data);
        if (!_sent.TryGetValue(tag, out var sent)) return;
        var id = node.Address.SimulatedId;
        if (!sent.Receivers.Add(id) || !sent.Expected.Contains(id)) return;
        run.Metrics.Count("scribe.delivered", run.Second);
        run.Metrics.Distribution("scribe.depth", "hops").Add(depth);
        var delay = run.Now - sent.At;
        run.Metrics.Distribution("scribe.delay").Add(SimTime.ToMilliseconds(delay));
        if (id != sent.Publisher.Id && run.Network.TryGetHost(id, out var receiver))
        {
            var direct = run.Network.OneWayTicks(sent.Publisher, receiver);
            if (direct > 0) run.Metrics.Distribution("scribe.rdp", "x").Add((double)delay / direct);
        }
    }

    private SimulationRun? Run { get; set; }

    private sealed record Sent(long At, SimHost Publisher, HashSet<int> Expected)
    {
        public HashSet<int> Receivers { get; } = [];
    }

    private sealed class Receiver(ScribeScenario owner, Node node) : IMulticastData
    {
        public void Received(Key group, long sequence, byte[] data, int depth) => owner.OnReceived(node, data, depth);
    }
}
