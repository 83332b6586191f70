using System.Text;
using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;

namespace Mace.Services.Tests;

/// <summary>
/// 1000 simulated nodes per overlay, no churn: every lookup (NextHop walked node to node) ends at the
/// true owner within the hop bound; then the DHT, unchanged over each overlay, finds every put.
/// </summary>
public class DhtTests
{
    private const int Nodes = 1000;
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(8);

    [Theory]
    [InlineData(OverlayKind.Bamboo)]
    [InlineData(OverlayKind.Pastry)]
    [InlineData(OverlayKind.Chord)]
    public void ThousandNodes_LookupsReachTheOwner_AndEveryPutIsFound(OverlayKind overlay)
    {
        // Chord's stabilization repairs concurrent joins slowly (docs/services.md): its nodes join 100 ms apart.
        var chord = overlay == OverlayKind.Chord;
        var scenario = new DhtScenario(overlay) { JoinSpacing = TimeSpan.FromMilliseconds(chord ? 100 : 20) };
        var run = new SimulationRun(scenario, new SimulationOptions { Nodes = Nodes, Seed = 11, Duration = TimeSpan.FromSeconds(400), StartWindow = TimeSpan.Zero });
        run.RunUntil(TimeSpan.FromSeconds(chord ? 160 : 60).Ticks);

        CheckLookups(run, overlay);
        CheckStore(run, scenario);
    }

    [Fact]
    public void Crash_SeenByTransport_ReachesTheDhtAsNodeFailed()
    {
        var scenario = new DhtScenario(OverlayKind.Bamboo);
        var run = new SimulationRun(scenario, new SimulationOptions { Nodes = 30, Seed = 5, Duration = TimeSpan.FromSeconds(120), StartWindow = TimeSpan.Zero });
        run.RunUntil(TimeSpan.FromSeconds(30).Ticks);
        var errorsBefore = run.Network.Stats.TransportErrors;
        var victim = run.Network.Hosts[17];
        var crashedAt = run.Now;
        run.Crash(victim);
        run.RunUntil(run.Now + TimeSpan.FromSeconds(10).Ticks);

        var notices = scenario.Trace.Where(r => r.Service == "Dht" && r.Event == "NodeFailed" && r.Details!.Contains(victim.Address.ToString(), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.NotEqual(victim.Address, n.Node));
        Assert.True(run.Network.Stats.TransportErrors > errorsBefore);
        Assert.InRange((notices.Min(n => n.Time) - SimTime.ToDateTime(crashedAt)).TotalSeconds, 0, 10);
    }

    private static void CheckLookups(SimulationRun run, OverlayKind overlay)
    {
        var random = new SimRandom(42);
        var hops = new List<int>();
        for (var i = 0; i < 2000; i++)
        {
            var key = Key.Hash("lookup-" + i);
            var from = run.Network.Hosts[random.NextInt(Nodes)].Address;
            var (owner, count) = OverlayOracle.Walk(run, from, key);
            Assert.Equal(OverlayOracle.TrueOwner(run, key, overlay), owner);
            hops.Add(count);
        }
        var mean = hops.Average();
        if (overlay == OverlayKind.Chord)
        {
            var expected = 0.5 * Math.Log2(Nodes);
            Assert.InRange(mean, 0.85 * expected, 1.15 * expected);
        }
        else
        {
            Assert.InRange(mean, 1, Math.Ceiling(Math.Log(Nodes, 16)));
        }
    }

    private static void CheckStore(SimulationRun run, DhtScenario scenario)
    {
        var keys = Enumerable.Range(0, 100).Select(i => Key.Hash("record-" + i)).ToArray();
        for (var i = 0; i < keys.Length; i++) Call(run, i * 7, i, (dht, k) => dht.Put(keys[k], Value(k)));
        Settle(run);
        Assert.Equal(keys.Length, scenario.Results.Count(r => r.Op == "put" && r.Ok));

        for (var i = 0; i < keys.Length; i++) Call(run, 500 + (i * 3), i, (dht, k) => dht.Get(keys[k]));
        Settle(run);
        var gets = scenario.Results.Where(r => r.Op == "get").ToList();
        Assert.Equal(keys.Length, gets.Count);
        for (var i = 0; i < keys.Length; i++) Assert.Contains(gets, g => g.Key == keys[i] && g.Ok && g.Value!.AsSpan().SequenceEqual(Value(i)));

        for (var i = 0; i < 10; i++) Call(run, 900 + i, i, (dht, k) => dht.Remove(keys[k]));
        Settle(run);
        Assert.Equal(10, scenario.Results.Count(r => r.Op == "remove" && r.Ok));
        scenario.Results.Clear();
        for (var i = 0; i < 20; i++) Call(run, 100 + i, i, (dht, k) => dht.Get(keys[k]));
        Settle(run);
        Assert.Equal(10, scenario.Results.Count(r => r.Op == "get" && !r.Ok));
        Assert.Equal(10, scenario.Results.Count(r => r.Op == "get" && r.Ok));
    }

    private static void Call(SimulationRun run, int host, int item, Action<Dht, int> call) =>
        run.InvokeAt(run.Now, run.Network.Hosts[host], node => call(DhtScenario.DhtOf(node), item));

    private static void Settle(SimulationRun run) => run.RunUntil(run.Now + s_settle.Ticks);

    private static byte[] Value(int i) => Encoding.UTF8.GetBytes("value-" + i);
}
