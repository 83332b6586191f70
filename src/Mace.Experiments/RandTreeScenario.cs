using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// RandTree in the simulator: host 0 is the root; every other node joins through it (initial node i
/// at i times <see cref="JoinSpacing"/>, churn replacements when they start). Once a second the
/// scenario walks every live node's parent links: <c>randtree.connected</c> (nodes that reach the
/// root) and <c>randtree.live</c>; at the end the depth and fan-out distributions, when every
/// initial node had first reached the root, and the rejoins after parent failures.
/// </summary>
public sealed class RandTreeScenario : Scenario
{
    private long _allJoinedAt = -1;

    /// <summary>Children per node.</summary>
    public int MaxChildren { get; init; } = 6;

    /// <summary>Initial node i joins at i times this.</summary>
    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <inheritdoc/>
    public override string Name => "randtree";

    /// <inheritdoc/>
    public override string Description => $"RandTree (at most {MaxChildren} children) rooted at host 0: nodes reaching the root over time, depth, fan-out, rejoins under churn";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["randtree.connected", "randtree.live", "churn.deaths"];

    /// <inheritdoc/>
    public override void BuildStack(Node node) => RandTree.Create(node, MaxChildren: MaxChildren);

    /// <inheritdoc/>
    public override void Setup(SimulationRun run) => run.At(SimTime.TicksPerSecond, () => Measure(run));

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        var at = start == NodeStart.Initial ? Math.Max(run.Now, host.Id * JoinSpacing.Ticks) : run.Now;
        run.InvokeAt(at, host, node => node.Find<RandTree>()!.JoinTree(NodeAddress.Simulated(0)));
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var trees = Trees(run);
        var depths = run.Metrics.Distribution("randtree.depth", "hops");
        var fanOut = run.Metrics.Distribution("randtree.children", "children");
        var connected = 0;
        foreach (var tree in trees)
        {
            var depth = RandTree.Depth(trees, tree);
            if (depth < 0) continue;
            connected++;
            depths.Add(depth);
            if (tree.Children.Count > 0) fanOut.Add(tree.Children.Count);
        }
        run.Metrics.Set("randtree.connected.per.10000", trees.Count == 0 ? 0 : connected * 10_000L / trees.Count);
        run.Metrics.Set("randtree.rejoins", trees.Sum(t => t.Rejoins));
        run.Metrics.Set("randtree.cycles", trees.Count(t => RandTree.InCycle(trees, t)));
        run.Metrics.Set("randtree.all.joined.ms", _allJoinedAt < 0 ? -1 : (long)SimTime.ToMilliseconds(_allJoinedAt));
    }

    private static List<RandTree> Trees(SimulationRun run) =>
        [.. run.LiveHosts.Select(h => h.Node?.Find<RandTree>()).OfType<RandTree>()];

    private void Measure(SimulationRun run)
    {
        var trees = Trees(run);
        var connected = trees.Count(t => RandTree.Depth(trees, t) >= 0);
        run.Metrics.Gauge("randtree.connected", run.Second, connected);
        run.Metrics.Gauge("randtree.live", run.Second, trees.Count);
        if (_allJoinedAt < 0 && connected == run.Options.Nodes && trees.Count == run.Options.Nodes) _allJoinedAt = run.Now;
        if (run.Now + SimTime.TicksPerSecond <= run.EndTime) run.At(run.Now + SimTime.TicksPerSecond, () => Measure(run));
    }
}
