using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// BulletPrime distributing one file (256 blocks of 16 KB, 4 MB) from host 0 to every node, over a
/// RandTree control tree. Every node starts at i times <see cref="JoinSpacing"/>; its completion
/// time is measured from its own start. With <see cref="MeshPeers"/> off (<c>bulletprime-tree</c>)
/// each node fetches from its tree parent only: plain tree streaming on the same hosts, the
/// baseline of the paper's completion-time CDF. Run with <c>--downlink</c> for heterogeneous
/// downlinks as well as uplinks.
/// </summary>
public sealed class BulletPrimeScenario : Scenario
{
    private readonly Dictionary<int, long> _startedAt = [];
    private readonly List<double> _completionSeconds = [];
    private SimulationRun? _run;

    /// <summary>Initial node i starts at i times this.</summary>
    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>False for the tree-streaming baseline.</summary>
    public bool MeshPeers { get; init; } = true;

    /// <summary>Blocks in the file (16 KB each).</summary>
    public int Blocks { get; init; } = 256;

    /// <summary>Each receiver's completion time in seconds from its start, in the order they completed (exact, unlike the bucketed distribution).</summary>
    public IReadOnlyList<double> CompletionSeconds => _completionSeconds;

    /// <inheritdoc/>
    public override string Name => MeshPeers ? "bulletprime" : "bulletprime-tree";

    /// <inheritdoc/>
    public override string Description => MeshPeers
        ? "BulletPrime: a 4 MB file from host 0 over a RanSub mesh on a RandTree control tree; completion-time CDF"
        : "BulletPrime's baseline: the same file streamed down the RandTree only (each node fetches from its parent); completion-time CDF";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["bulletprime.completed"];

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var tree = RandTree.Create(node);
        var bullet = BulletPrime.Create(node, Blocks: Blocks, MeshPeers: MeshPeers, Control: tree);
        bullet.RegisterFileDistributionProgress(1, new Progress(this, node));
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run) => _run = run;

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        var at = start == NodeStart.Initial ? Math.Max(run.Now, host.Id * JoinSpacing.Ticks) : run.Now;
        run.InvokeAt(at, host, node =>
        {
            _startedAt[host.Id] = run.Now;
            node.Find<BulletPrime>()!.Distribute(NodeAddress.Simulated(0));
        });
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var nodes = run.LiveHosts.Select(h => h.Node?.Find<BulletPrime>()).OfType<BulletPrime>().ToList();
        run.Metrics.Set("bulletprime.nodes.complete", nodes.Count(n => n.HasFile()));
        run.Metrics.Set("bulletprime.nodes", nodes.Count);
        run.Metrics.Set("bulletprime.blocks.held.min", nodes.Count == 0 ? 0 : nodes.Min(n => n.BlocksHeld()));
        run.Metrics.Set("bulletprime.senders.dropped", nodes.Sum(n => n.SendersDropped));
        run.Metrics.Set("bulletprime.blocks.served.by.source", nodes.Where(n => n.LocalAddress == NodeAddress.Simulated(0)).Sum(n => n.BlocksServed));
        if (run.LiveHosts.FirstOrDefault(h => h.Id == 0) is { } source) run.Metrics.Set("source.uplink.kbps", source.UplinkBitsPerSecond / 1000);
    }

    private void Completed(Node node)
    {
        var run = _run!;
        var id = node.Address.SimulatedId;
        if (id == 0 || !_startedAt.TryGetValue(id, out var started)) return;
        var seconds = SimTime.ToMilliseconds(run.Now - started) / 1000.0;
        _completionSeconds.Add(seconds);
        run.Metrics.Distribution("bulletprime.completion", "s").Add(seconds);
        run.Metrics.Count("bulletprime.completed", run.Second);
    }

    private sealed class Progress(BulletPrimeScenario owner, Node node) : IFileDistributionProgress
    {
        public void FileCompleted(NodeAddress source) => owner.Completed(node);
    }
}
