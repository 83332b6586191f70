using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// Every node runs <see cref="Ping"/> over the simulated TCP transport and monitors a few random
/// peers. When a peer fails, the node picks a random live peer to monitor after
/// <see cref="RetryAfter"/> (so monitoring resumes after a heal and follows churn). A node that
/// joins monitors its bootstrap node and random live peers. Metrics: the RTT distribution,
/// PeerResponded and PeerFailed counts (per second for the timeline), and bytes per node.
/// </summary>
public sealed class PingScenario : Scenario
{
    /// <summary>Counter of PeerResponded upcalls.</summary>
    public const string RespondedCounter = "ping.responded";

    /// <summary>Counter of PeerFailed upcalls.</summary>
    public const string FailedCounter = "ping.failed";

    /// <summary>Distribution of round-trip times (ms).</summary>
    public const string RttDistribution = "ping.rtt";

    private SimulationRun? _run;

    /// <summary>Peers each node monitors.</summary>
    public int PeersPerNode { get; init; } = 3;

    /// <summary>How long after a failure a node picks a replacement peer.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called on every upcall the applications see (tests use it).</summary>
    public Action<PingObservation>? Observer { get; set; }

    /// <inheritdoc/>
    public override string Name => "ping";

    /// <inheritdoc/>
    public override string Description => "every node pings a few random peers (Ping: 1 s interval, 5 s FailAfter); RTTs, responses, failures, bytes";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => [RespondedCounter, FailedCounter];

    private SimulationRun Run => _run ?? throw new InvalidOperationException("the scenario has not been set up");

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var ping = Ping.Create(node);
        _ = new PingApplication(node, ping, this);
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run) => _run = run;

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        _run = run;
        var initialNodes = run.Options.Nodes;
        // Initial nodes wait until every initial node has started, so no first ping finds a peer not yet up.
        var at = start == NodeStart.Initial ? Math.Max(run.Now, run.Options.StartWindow.Ticks) : run.Now;
        run.InvokeAt(at, host, node =>
        {
            var app = node.Find<PingApplication>()!;
            var random = node.Environment;
            if (bootstrap is not null) app.Monitor(bootstrap.Address);
            var wanted = Math.Min(PeersPerNode, (start == NodeStart.Initial ? initialNodes : run.LiveHosts.Count) - 1);
            for (var tries = 0; app.Ping.LastHeard.Count < wanted && tries < 4 * PeersPerNode; tries++)
            {
                var peer = start == NodeStart.Initial
                    ? random.RandInt(initialNodes)
                    : run.RandomLiveHost(random.RandInt, host.Id)?.Id ?? host.Id;
                app.Monitor(NodeAddress.Simulated(peer));
            }
        });
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run) =>
        run.Metrics.Set("ping.monitored.end", run.LiveHosts.Sum(h => (long)(h.Node?.Find<Ping>()?.LastHeard.Count ?? 0)));

    internal void OnResponded(PingApplication app, NodeAddress peer, TimeSpan rtt)
    {
        var run = Run;
        run.Metrics.Count(RespondedCounter, run.Second);
        run.Metrics.Distribution(RttDistribution).Add(rtt.TotalMilliseconds);
        Observer?.Invoke(new PingObservation(run.Now, app.LocalAddress.SimulatedId, peer, true, rtt));
    }

    internal void OnFailed(PingApplication app, NodeAddress peer)
    {
        var run = Run;
        run.Metrics.Count(FailedCounter, run.Second);
        Observer?.Invoke(new PingObservation(run.Now, app.LocalAddress.SimulatedId, peer, false, TimeSpan.Zero));
        ScheduleReplacement(run, app);
    }

    private void ScheduleReplacement(SimulationRun run, PingApplication app)
    {
        var host = run.Network.Hosts[app.LocalAddress.SimulatedId];
        run.InvokeAt(run.Now + RetryAfter.Ticks, host, node =>
        {
            if (!ReferenceEquals(node.Find<PingApplication>(), app)) return;
            var replacement = run.RandomLiveHost(node.Environment.RandInt, host.Id);
            if (replacement is not null) app.Monitor(replacement.Address);
            else ScheduleReplacement(run, app);
        });
    }
}
