using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// Overcast beside RandTree on the same hosts: every node runs both, rooted at host 0, and joins
/// both at i times <see cref="JoinSpacing"/>. At the end each tree is scored as the Overcast paper
/// scores it against IP multicast: a node's bandwidth in the tree is the bottleneck of its path
/// from the root when every tree edge streams at once (a parent's uplink split over its children,
/// the child's downlink), and the bandwidth it could have is what IP multicast gives it (the root's
/// uplink, or its own downlink if lower). <c>overcast.bandwidth.per.10000</c> is the sum of the
/// first over the sum of the second; the same for RandTree and for a star (everyone under the
/// root). Convergence: the rounds from the last join to the last move.
/// </summary>
public sealed class OvercastScenario : Scenario
{
    private long _lastMoveAt;
    private long _lastMoves;

    /// <summary>Initial node i joins at i times this.</summary>
    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Overcast's re-evaluation period (a round).</summary>
    public TimeSpan RoundPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public override string Name => "overcast";

    /// <inheritdoc/>
    public override string Description => "Overcast and RandTree rooted at host 0 on the same hosts: each tree's bandwidth to every node as a fraction of IP multicast's, depth, rounds to converge";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["overcast.connected", "overcast.moves", "randtree.connected"];

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        Overcast.Create(node, RoundPeriod: RoundPeriod);
        RandTree.Create(node);
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run) => run.At(SimTime.TicksPerSecond, () => Measure(run));

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        var at = start == NodeStart.Initial ? Math.Max(run.Now, host.Id * JoinSpacing.Ticks) : run.Now;
        run.InvokeAt(at, host, node =>
        {
            node.Find<Overcast>()!.JoinTree(NodeAddress.Simulated(0));
            node.Find<RandTree>()!.JoinTree(NodeAddress.Simulated(0));
        });
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var overcast = Live<Overcast>(run);
        var randTree = Live<RandTree>(run);
        var hosts = run.Network.Hosts;
        var root = hosts[0];
        var potential = new Dictionary<int, double>();
        foreach (var host in run.LiveHosts.Where(h => h.Id != 0)) potential[host.Id] = Math.Min(Mbps(root.UplinkBitsPerSecond), Mbps(host.DownlinkBitsPerSecond));
        var total = potential.Values.Sum();

        var overcastRates = TreeRates(hosts, overcast.ToDictionary(t => t.LocalAddress.SimulatedId, t => t.Parent));
        var randTreeRates = TreeRates(hosts, randTree.ToDictionary(t => t.LocalAddress.SimulatedId, t => t.Parent));
        var star = potential.Keys.ToDictionary(id => id, id => Math.Min(Mbps(root.UplinkBitsPerSecond) / Math.Max(1, potential.Count), Mbps(hosts[id].DownlinkBitsPerSecond)));
        run.Metrics.Set("overcast.bandwidth.per.10000", Fraction(overcastRates, potential, total));
        run.Metrics.Set("randtree.bandwidth.per.10000", Fraction(randTreeRates, potential, total));
        run.Metrics.Set("star.bandwidth.per.10000", Fraction(star, potential, total));
        var perNode = run.Metrics.Distribution("overcast.node.bandwidth", "% of IP multicast");
        var perNodeRandom = run.Metrics.Distribution("randtree.node.bandwidth", "% of IP multicast");
        foreach (var (id, best) in potential)
        {
            perNode.Add(100 * overcastRates.GetValueOrDefault(id) / best);
            perNodeRandom.Add(100 * randTreeRates.GetValueOrDefault(id) / best);
        }
        var depths = run.Metrics.Distribution("overcast.depth", "hops");
        var randomDepths = run.Metrics.Distribution("randtree.depth", "hops");
        foreach (var tree in overcast)
        {
            if (Overcast.Depth(overcast, tree) is >= 0 and var d) depths.Add(d);
        }
        foreach (var tree in randTree)
        {
            if (RandTree.Depth(randTree, tree) is >= 0 and var d) randomDepths.Add(d);
        }
        var lastJoin = (run.Options.Nodes - 1) * JoinSpacing.Ticks;
        run.Metrics.Set("overcast.connected", overcast.Count(t => Overcast.Depth(overcast, t) >= 0));
        run.Metrics.Set("overcast.cycles", overcast.Count(t => Overcast.InCycle(overcast, t)));
        run.Metrics.Set("overcast.moves", overcast.Sum(t => t.Moves));
        run.Metrics.Set("overcast.rejoins", overcast.Sum(t => t.Rejoins));
        run.Metrics.Set("overcast.last.move.ms", (long)SimTime.ToMilliseconds(_lastMoveAt));
        run.Metrics.Set("overcast.rounds.to.converge", Math.Max(0, (_lastMoveAt - lastJoin + RoundPeriod.Ticks - 1) / RoundPeriod.Ticks));
        run.Metrics.Set("root.uplink.kbps", root.UplinkBitsPerSecond / 1000);
    }

    /// <summary>
    /// Each node's bandwidth from the root (host 0) through the tree given by <paramref name="parents"/>
    /// when every edge streams at once: the minimum over its path of the parent's uplink over the
    /// parent's children and the child's downlink. Nodes whose parent links do not reach the root get none.
    /// </summary>
    public static Dictionary<int, double> TreeRates(IReadOnlyList<SimHost> hosts, IReadOnlyDictionary<int, NodeAddress> parents)
    {
        var children = new Dictionary<int, int>();
        foreach (var parent in parents.Values)
        {
            if (parent.Kind == NodeAddressKind.Simulated) children[parent.SimulatedId] = children.GetValueOrDefault(parent.SimulatedId) + 1;
        }
        var rates = new Dictionary<int, double>();
        double RateOf(int id, int depth)
        {
            if (id == 0) return double.PositiveInfinity;
            if (rates.TryGetValue(id, out var known)) return known;
            if (depth > hosts.Count || !parents.TryGetValue(id, out var parent) || parent.Kind != NodeAddressKind.Simulated) return 0;
            var p = parent.SimulatedId;
            var rate = Math.Min(RateOf(p, depth + 1), Math.Min(Mbps(hosts[p].UplinkBitsPerSecond) / children[p], Mbps(hosts[id].DownlinkBitsPerSecond)));
            rates[id] = rate;
            return rate;
        }
        foreach (var id in parents.Keys) RateOf(id, 0);
        rates.Remove(0);
        return rates;
    }

    private static double Mbps(long bitsPerSecond) => bitsPerSecond == 0 ? double.PositiveInfinity : bitsPerSecond / 1e6;

    private static long Fraction(IReadOnlyDictionary<int, double> rates, IReadOnlyDictionary<int, double> potential, double total) =>
        total <= 0 || double.IsInfinity(total) ? 0 : (long)(potential.Keys.Sum(id => Math.Min(rates.GetValueOrDefault(id), potential[id])) * 10_000 / total);

    private static List<T> Live<T>(SimulationRun run)
        where T : ServiceBase =>
        [.. run.LiveHosts.Select(h => h.Node?.Find<T>()).OfType<T>()];

    private void Measure(SimulationRun run)
    {
        var overcast = Live<Overcast>(run);
        var randTree = Live<RandTree>(run);
        var moves = overcast.Sum(t => t.Moves);
        if (moves != _lastMoves) _lastMoveAt = run.Now;
        _lastMoves = moves;
        run.Metrics.Gauge("overcast.connected", run.Second, overcast.Count(t => Overcast.Depth(overcast, t) >= 0));
        run.Metrics.Gauge("overcast.moves", run.Second, moves);
        run.Metrics.Gauge("randtree.connected", run.Second, randTree.Count(t => RandTree.Depth(randTree, t) >= 0));
        if (run.Now + SimTime.TicksPerSecond <= run.EndTime) run.At(run.Now + SimTime.TicksPerSecond, () => Measure(run));
    }
}
