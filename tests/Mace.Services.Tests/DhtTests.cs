using System.Text;
using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;

namespace Mace.Services.Tests;

/// <summary>The DHT, unchanged, over each overlay in the simulator.</summary>
public class DhtTests
{
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(OverlayKind.Bamboo)]
    [InlineData(OverlayKind.Pastry)]
    [InlineData(OverlayKind.Chord)]
    public void ThousandNodes_EveryPut_IsFoundByGetFromAnotherNode(OverlayKind overlay)
    {
        var scenario = new DhtScenario(overlay);
        var run = new SimulationRun(scenario, new SimulationOptions { Nodes = 1000, Seed = 11, Duration = TimeSpan.FromSeconds(400), StartWindow = TimeSpan.Zero });
        run.RunUntil(TimeSpan.FromSeconds(150).Ticks);
        var keys = Enumerable.Range(0, 100).Select(i => Key.Hash("record-" + i)).ToArray();
        for (var i = 0; i < keys.Length; i++) Call(run, i * 7, dht => dht.Put(keys[i], Value(i)));
        Settle(run);
        Assert.Equal(keys.Length, scenario.Results.Count(r => r.Op == "put" && r.Ok));

        for (var i = 0; i < keys.Length; i++) Call(run, 500 + (i * 3), dht => dht.Get(keys[i]));
        Settle(run);
        var gets = scenario.Results.Where(r => r.Op == "get").ToList();
        Assert.Equal(keys.Length, gets.Count);
        for (var i = 0; i < keys.Length; i++) Assert.Contains(gets, g => g.Key == keys[i] && g.Ok && g.Value!.AsSpan().SequenceEqual(Value(i)));

        for (var i = 0; i < 10; i++) Call(run, 900 + i, dht => dht.Remove(keys[i]));
        Settle(run);
        Assert.Equal(10, scenario.Results.Count(r => r.Op == "remove" && r.Ok));
        scenario.Results.Clear();
        for (var i = 0; i < 20; i++) Call(run, 100 + i, dht => dht.Get(keys[i]));
        Settle(run);
        Assert.Equal(10, scenario.Results.Count(r => r.Op == "get" && !r.Ok));
        Assert.Equal(10, scenario.Results.Count(r => r.Op == "get" && r.Ok));
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
        var first = notices.Min(n => n.Time);
        Assert.InRange((first - SimTime.ToDateTime(crashedAt)).TotalSeconds, 0, 10);
    }

    private static void Call(SimulationRun run, int host, Action<Dht> call) =>
        run.InvokeAt(run.Now, run.Network.Hosts[host], node => call(DhtScenario.DhtOf(node)));

    private static void Settle(SimulationRun run) => run.RunUntil(run.Now + s_settle.Ticks);

    private static byte[] Value(int i) => Encoding.UTF8.GetBytes("value-" + i);
}
