using Mace.Experiments;
using Mace.Runtime;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Simulation.Tests;

/// <summary>Overcast in the simulator: a tree that keeps IP multicast's bandwidth where RandTree loses most of it, and that heals after failures.</summary>
public sealed class OvercastScenarioTests
{
    [Fact]
    public void OneHundredFiftyNodes_AllReachTheRoot_WithMostOfIpMulticastsBandwidth_FarAboveARandomTree()
    {
        var run = new SimulationRun(new OvercastScenario(), new SimulationOptions { Nodes = 150, Seed = 3, Duration = TimeSpan.FromSeconds(120) });
        var result = run.Run();
        var m = run.Metrics;
        Assert.Equal(150, m.Counter("overcast.connected"));
        Assert.Equal(0, m.Counter("overcast.cycles"));
        Assert.True(m.Counter("overcast.moves") > 0, "nodes re-evaluated and moved");
        var overcast = m.Counter("overcast.bandwidth.per.10000");
        var random = m.Counter("randtree.bandwidth.per.10000");
        Assert.True(overcast >= 7_000, $"Overcast gives {overcast / 100.0}% of IP multicast's bandwidth");
        Assert.True(overcast >= 2 * random, $"Overcast {overcast}, RandTree {random}");
        Assert.True(random > m.Counter("star.bandwidth.per.10000"), "a tree of six-way fan-out beats a star");
        // Bandwidth is bought with depth: far deeper than the random tree.
        Assert.True(m.Distribution("overcast.depth", "hops").Mean > 2 * m.Distribution("randtree.depth", "hops").Mean);
        Assert.Equal(result.Digest, new SimulationRun(new OvercastScenario(), run.Options).Run().Digest);
    }

    [Fact]
    public void UnderChurn_OrphansRejoinFromTheirGrandparent_AndTheTreeIsWholeAfterwards()
    {
        var run = new SimulationRun(new OvercastScenario(), new SimulationOptions
        {
            Nodes = 100,
            Seed = 5,
            Duration = TimeSpan.FromSeconds(100),
            Churn = new ChurnOptions { Rate = 1, Start = TimeSpan.FromSeconds(20), End = TimeSpan.FromSeconds(50) },
        });
        run.Run();
        var m = run.Metrics;
        Assert.True(m.Counter("churn.deaths") >= 15, $"{m.Counter("churn.deaths")} deaths");
        Assert.True(m.Counter("overcast.rejoins") > 0, "orphans rejoined");
        Assert.Equal(0, m.Counter("overcast.cycles"));
        Assert.Equal(100, m.Counter("overcast.connected"));
        var connected = m.PerSecond("overcast.connected");
        Assert.Contains(Enumerable.Range(20, 35), s => connected[s] < 100);
    }

    [Fact]
    public void TreeRates_SplitAParentsUplinkOverItsChildren_AndCapAtTheChildsDownlink()
    {
        var sim = new Engine.Simulator();
        var network = new SimNetwork(sim, new ConstantLatencyModel(TimeSpan.FromMilliseconds(1)), new NetworkOptions { MinBandwidthMbps = 6, MaxBandwidthMbps = 6, LimitDownlink = true, MinDownlinkMbps = 2.5, MaxDownlinkMbps = 2.5 }, 1);
        for (var i = 0; i < 4; i++) network.AddHost();
        // 0 -> 1, 0 -> 2, 1 -> 3: hosts 1 and 2 get 6/2 = 3 Mbps, capped at their 2.5 Mbps downlink;
        // host 3 gets min(2.5 upstream, 6 / 1, 2.5).
        var parents = new Dictionary<int, NodeAddress> { [1] = NodeAddress.Simulated(0), [2] = NodeAddress.Simulated(0), [3] = NodeAddress.Simulated(1) };
        var rates = OvercastScenario.TreeRates(network.Hosts, parents);
        Assert.Equal(2.5, rates[1], 6);
        Assert.Equal(2.5, rates[2], 6);
        Assert.Equal(2.5, rates[3], 6);
        var unlimitedDown = new SimNetwork(new Engine.Simulator(), new ConstantLatencyModel(TimeSpan.FromMilliseconds(1)), new NetworkOptions { MinBandwidthMbps = 6, MaxBandwidthMbps = 6 }, 1);
        for (var i = 0; i < 4; i++) unlimitedDown.AddHost();
        var split = OvercastScenario.TreeRates(unlimitedDown.Hosts, parents);
        Assert.Equal(3, split[1], 6);
        Assert.Equal(3, split[3], 6);
        Assert.Equal(0, OvercastScenario.TreeRates(unlimitedDown.Hosts, new Dictionary<int, NodeAddress> { [1] = NodeAddress.Simulated(2), [2] = NodeAddress.Simulated(1) })[1]);
    }
}
