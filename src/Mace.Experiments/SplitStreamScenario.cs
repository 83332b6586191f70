using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// SplitStream over Scribe over Bamboo: every node joins one stream of 16 stripes; host 0 publishes
/// 16 blocks a second (one per stripe). Measured: how many nodes are interior (forward) in at most
/// one stripe, and in their own digit's stripe only (interior-node-disjointness); the forwarding
/// load (children over all stripes); and, when <see cref="FailFraction"/> of the nodes fail at once
/// (at two thirds of the run), the share of nodes receiving at least 15 of 16 stripes per second
/// before, in the 5 s after, and from 15 s after the failure.
/// </summary>
public sealed class SplitStreamScenario : Scenario
{
    private const int Stripes = 16;
    private static readonly Key s_stream = Key.Hash("splitstream-stream");
    private readonly Dictionary<(int Second, int Node), int> _received = [];
    private SimRandom _random = new(1);
    private SimulationRun? _run;
    private long _publishFrom;
    private long _failAt;
    private HashSet<int> _failed = [];

    /// <summary>Children a node forwards to over all stripes (0, the default: no bound); <c>splitstream-bounded</c> uses 32.</summary>
    public int Outdegree { get; init; }

    /// <summary>With a bound, orphans that push-down cannot place anycast to the spare-capacity group (<c>splitstream-spare</c>).</summary>
    public bool SpareCapacityGroup { get; init; }

    /// <summary>The share of nodes that fail at once (0 for none).</summary>
    public double FailFraction { get; init; } = 0.1;

    /// <inheritdoc/>
    public override string Name => Outdegree <= 0 ? "splitstream" : SpareCapacityGroup ? "splitstream-spare" : "splitstream-bounded";

    /// <inheritdoc/>
    public override string Description => $"SplitStream: 16 stripes in Scribe trees over Bamboo{(Outdegree > 0 ? $", at most {Outdegree} children a node (push-down{(SpareCapacityGroup ? ", then the spare-capacity group" : ", no spare-capacity group")})" : "")}, 16 blocks/s from host 0; interior-node-disjointness, forwarding load, stripes received before and after {FailFraction:P0} of the nodes fail";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["splitstream.blocks", "node.crashes"];

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: false);
        var scribe = Scribe.Create(node, MaxChildren: Outdegree, SpareCapacityGroup: SpareCapacityGroup, Router: stack.Route, Overlay: stack.Overlay);
        var split = SplitStream.Create(node, Groups: scribe);
        split.RegisterStripeData(1, new Receiver(this, node));
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run)
    {
        _run = run;
        _random = new SimRandom(SimRandom.Derive(run.Options.Seed, 61));
        var nodes = run.Options.Nodes;
        var joinStream = TimeSpan.FromSeconds(20).Ticks + (nodes * TimeSpan.FromMilliseconds(20).Ticks);
        _publishFrom = joinStream + TimeSpan.FromSeconds(10).Ticks;
        _failAt = _publishFrom + ((run.EndTime - _publishFrom) / 3);
        foreach (var host in run.Network.Hosts)
        {
            run.InvokeAt(joinStream + (_random.NextInt(5000) * SimTime.TicksPerMillisecond), host, node => node.Find<SplitStream>()!.JoinStream(s_stream));
        }
        for (var t = _publishFrom; t < run.EndTime; t += SimTime.TicksPerSecond / Stripes)
        {
            var tag = t;
            run.InvokeAt(t, run.Network.Hosts[0], node => node.Find<SplitStream>()!.PublishBlock(s_stream, BitConverter.GetBytes(tag)));
        }
        if (FailFraction > 0) run.At(_failAt, () => Fail(run));
        run.At(_failAt - 1, () => MeasureForest(run));
    }

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        OverlayJoins.Schedule(run, host, start, bootstrap, TimeSpan.FromMilliseconds(20));
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var failSecond = (int)(_failAt / SimTime.TicksPerSecond);
        var firstSecond = (int)(_publishFrom / SimTime.TicksPerSecond) + 5;
        var lastSecond = (int)(run.EndTime / SimTime.TicksPerSecond) - 1;
        var survivors = run.Network.Hosts.Where(h => !_failed.Contains(h.Id) && h.Id != 0).Select(h => h.Id).ToList();
        long Share(int from, int to)
        {
            long good = 0, all = 0;
            for (var s = from; s < to; s++)
            {
                foreach (var id in survivors)
                {
                    all++;
                    if (_received.GetValueOrDefault((s, id)) >= Stripes - 1) good++;
                }
            }
            return all == 0 ? 0 : good * 10_000 / all;
        }
        run.Metrics.Set("splitstream.full.before.per.10000", Share(firstSecond, failSecond));
        run.Metrics.Set("splitstream.full.first5s.after.per.10000", Share(failSecond + 1, Math.Min(failSecond + 6, lastSecond)));
        run.Metrics.Set("splitstream.full.from15s.after.per.10000", Share(Math.Min(failSecond + 15, lastSecond), lastSecond));
        run.Metrics.Set("splitstream.failed", _failed.Count);
    }

    private void Fail(SimulationRun run)
    {
        var count = (int)(run.Options.Nodes * FailFraction);
        var candidates = run.LiveHosts.Where(h => h.Id != 0).ToList();
        while (_failed.Count < count && candidates.Count > 0)
        {
            var pick = _random.NextInt(candidates.Count);
            _failed.Add(candidates[pick].Id);
            run.Crash(candidates[pick]);
            candidates.RemoveAt(pick);
        }
    }

    // The forest just before the failure: who forwards which stripes, and how much.
    private void MeasureForest(SimulationRun run)
    {
        var load = run.Metrics.Distribution("splitstream.children", "children");
        var stripesForwarded = run.Metrics.Distribution("splitstream.stripes.forwarded", "stripes");
        int interior = 0, single = 0, own = 0;
        foreach (var host in run.LiveHosts)
        {
            if (host.Node?.Find<Scribe>() is not { } scribe) continue;
            var digit = SplitStream.FirstDigit(RingMath.IdOf(host.Address));
            var forwarded = new List<int>();
            var children = 0;
            for (var i = 0; i < Stripes; i++)
            {
                if (scribe.Children.TryGetValue(SplitStream.StripeKey(s_stream, i), out var list) && list.Count > 0)
                {
                    forwarded.Add(i);
                    children += list.Count;
                }
            }
            if (forwarded.Count == 0) continue;
            interior++;
            load.Add(children);
            stripesForwarded.Add(forwarded.Count);
            if (forwarded.Count == 1) single++;
            if (forwarded.All(i => i == digit)) own++;
        }
        run.Metrics.Set("splitstream.interior.nodes", interior);
        run.Metrics.Set("splitstream.interior.one.stripe.per.10000", interior == 0 ? 0 : single * 10_000L / interior);
        run.Metrics.Set("splitstream.interior.own.stripe.per.10000", interior == 0 ? 0 : own * 10_000L / interior);
    }

    private void OnBlock(Node node)
    {
        if (_run is not { } run) return;
        var key = (run.Second > int.MaxValue ? int.MaxValue : (int)run.Second, node.Address.SimulatedId);
        _received[key] = _received.GetValueOrDefault(key) + 1;
        run.Metrics.Count("splitstream.blocks", run.Second);
    }

    private sealed class Receiver(SplitStreamScenario owner, Node node) : IStripeData
    {
        public void BlockReceived(Key stream, int stripe, byte[] data) => owner.OnBlock(node);
    }
}
