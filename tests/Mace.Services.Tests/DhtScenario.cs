using Mace.Runtime;
using Mace.Runtime.Tracing;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Services.Tests;

/// <summary>Every node runs an overlay, recursive routing and the DHT; initial node i joins through host 0 at i x 100 ms.</summary>
internal sealed class DhtScenario(OverlayKind overlay, int replicas = 3) : Scenario, ITraceSink
{
    public List<(int Node, string Op, Key Key, bool Ok, byte[]? Value)> Results { get; } = [];

    public List<TraceRecord> Trace { get; } = [];

    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(100);

    public override string Name => "dht-" + overlay;

    public override string Description => "DHT over " + overlay;

    public override void BuildStack(Node node)
    {
        var stack = OverlayStack.Build(node, overlay, withDht: true, replicas: replicas);
        stack.Dht!.RegisterDHTResults(1, new Recorder(this, node));
        node.TraceSink = this;
    }

    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        List<NodeAddress> via = bootstrap is not null ? [bootstrap.Address] : host.Id == 0 ? [] : [NodeAddress.Simulated(0)];
        var at = start == NodeStart.Initial ? host.Id * JoinSpacing.Ticks : run.Now;
        run.InvokeAt(at, host, node => node.Find<IOverlayRouter>()!.JoinOverlay(0, via));
    }

    public void Record(in TraceRecord record) => Trace.Add(record);

    public static Dht DhtOf(Node node) => node.Find<Dht>()!;

    private sealed class Recorder(DhtScenario owner, Node node) : IDHTResults
    {
        public void PutResult(Key key, bool stored) => owner.Results.Add((node.Address.SimulatedId, "put", key, stored, null));

        public void GetResult(Key key, bool found, byte[]? value) => owner.Results.Add((node.Address.SimulatedId, "get", key, found, value));

        public void RemoveResult(Key key, bool removed) => owner.Results.Add((node.Address.SimulatedId, "remove", key, removed, null));
    }
}
