using System.Text;
using Mace.Runtime;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Services.Tests;

/// <summary>
/// Two services above one <see cref="RecursiveOverlayRoute"/>: the DHT and a second application.
/// Each routed message carries its sender's registration id, and <c>Upcall.To(rid)</c> hands it to
/// the same service at every hop and at the owner, so neither sees (or tries to decode) the other's.
/// </summary>
public sealed class SharedRouteTests
{
    private const int Nodes = 40;

    [Fact]
    public void DhtAndAnotherApplication_ShareOneRouteLayer_EachGetsOnlyItsOwnMessages()
    {
        var scenario = new SharedScenario();
        var run = new SimulationRun(scenario, new SimulationOptions { Nodes = Nodes, Seed = 3, Duration = TimeSpan.FromSeconds(200), StartWindow = TimeSpan.Zero });
        run.Initialize();
        run.RunUntil(TimeSpan.FromSeconds(Nodes * 0.1 + 30).Ticks);

        for (var i = 0; i < 50; i++)
        {
            var item = i;
            var host = run.Network.Hosts[i % Nodes];
            run.InvokeAt(run.Now, host, node =>
            {
                ((IDHT)node.Find<Dht>()!).Put(1, Key.Hash("shared-" + item), Encoding.UTF8.GetBytes("value-" + item));
                var tagger = node.Find<Tagger>()!;
                tagger.Send(Key.Hash("tag-" + item), "tag-" + item);
            });
        }
        run.RunUntil(run.Now + TimeSpan.FromSeconds(10).Ticks);
        for (var i = 0; i < 50; i++)
        {
            var item = i;
            run.InvokeAt(run.Now, run.Network.Hosts[(i * 7) % Nodes], node => ((IDHT)node.Find<Dht>()!).Get(1, Key.Hash("shared-" + item)));
        }
        run.RunUntil(run.Now + TimeSpan.FromSeconds(10).Ticks);
        var result = run.Complete();

        var received = scenario.Tagged.OrderBy(t => t, StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "tag-" + i).OrderBy(t => t, StringComparer.Ordinal), received);
        Assert.Equal(50, scenario.Results.Count(r => r.Op == "put" && r.Ok));
        var gets = scenario.Results.Where(r => r.Op == "get").ToList();
        Assert.Equal(50, gets.Count);
        Assert.All(gets, g => Assert.True(g.Ok, "every get finds its value"));
        Assert.Equal(0, result.Network.FormatErrors);
        Assert.Equal(0, result.Network.FailedEvents);
    }

    private sealed class SharedScenario : Scenario
    {
        public List<string> Tagged { get; } = [];

        public List<(string Op, bool Ok)> Results { get; } = [];

        public override string Name => "shared-route";

        public override string Description => "DHT and a tagging application on one route layer";

        public override void BuildStack(Node node)
        {
            var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: true);
            stack.Dht!.RegisterDHTResults(1, new Recorder(this));
            _ = new Tagger(node, stack.Route, this);
        }

        public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
        {
            List<NodeAddress> via = host.Id == 0 ? [] : [NodeAddress.Simulated(0)];
            run.InvokeAt(host.Id * TimeSpan.FromMilliseconds(100).Ticks, host, node => node.Find<IOverlayRouter>()!.JoinOverlay(0, via));
        }

        private sealed class Recorder(SharedScenario owner) : IDHTResults
        {
            public void PutResult(Key key, bool stored) => owner.Results.Add(("put", stored));

            public void GetResult(Key key, bool found, byte[]? value) => owner.Results.Add(("get", found && value is not null && Encoding.UTF8.GetString(value).StartsWith("value-", StringComparison.Ordinal)));

            public void RemoveResult(Key key, bool removed) => owner.Results.Add(("remove", removed));
        }
    }

    /// <summary>A second service on the route layer: routes UTF-8 strings to keys and records what reaches it.</summary>
    private sealed class Tagger : ApplicationBase, IRouteHandler
    {
        private static readonly int s_rid = RegistrationId.For("Tagger", "Route");
        private readonly IRoute _route;
        private readonly SharedScenario _scenario;

        public Tagger(Node node, IRoute route, SharedScenario scenario)
            : base(node)
        {
            _route = route;
            _scenario = scenario;
            route.RegisterRouteHandler(s_rid, this);
        }

        public void Send(Key key, string text) => _route.Route(s_rid, key, new Payload(Encoding.UTF8.GetBytes(text)));

        public void Delivered(NodeAddress src, Key dest, Payload message) => _scenario.Tagged.Add(Encoding.UTF8.GetString(message.GetBytes().Span));
    }
}
