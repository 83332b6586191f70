using Mace.Runtime;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;
using Mace.TestServices;

namespace Mace.Simulation.Tests;

/// <summary>
/// A scenario as a user writes one for their own service (Beacon, from Mace.TestServices), found by
/// <c>mace sim beacon --assembly Mace.Simulation.Tests.dll</c>. Node i knows node 0 and node i+1; every
/// first Hello is counted per second; at the end, the number of (listener, peer) pairs heard.
/// </summary>
public sealed class BeaconScenario : Scenario
{
    public const string HeardCounter = "beacon.heard";

    private SimulationRun? _run;

    public override string Name => "beacon";

    public override string Description => "a user's service: every node announces itself to node 0 and its successor; first hellos heard per second";

    public override IReadOnlyList<string> TimelineCounters => [HeardCounter];

    public override void BuildStack(Node node)
    {
        var beacon = new Beacon(node, TimeSpan.FromMilliseconds(500));
        beacon.RegisterBeaconEvents(0, new Counter(this));
    }

    public override void Setup(SimulationRun run) => _run = run;

    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        _run = run;
        var nodes = run.Options.Nodes;
        run.InvokeAt(Math.Max(run.Now, run.Options.StartWindow.Ticks), host, node =>
        {
            var beacon = node.Find<Beacon>()!;
            if (host.Id != 0) beacon.Know(NodeAddress.Simulated(0));
            if (nodes > 1) beacon.Know(NodeAddress.Simulated((host.Id + 1) % nodes));
        });
    }

    public override void Finish(SimulationRun run) =>
        run.Metrics.Set("beacon.pairs", run.LiveHosts.Sum(h => (long)(h.Node?.Find<Beacon>()?.Heard.Count ?? 0)));

    private sealed class Counter(BeaconScenario scenario) : IBeaconEvents
    {
        public void PeerHeard(NodeAddress peer)
        {
            var run = scenario._run!;
            run.Metrics.Count(HeardCounter, run.Second);
        }
    }
}
