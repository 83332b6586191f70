using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;
using Mace.Experiments;

namespace Mace.Simulation.Tests;

public sealed class PingScenarioTests
{
    private static readonly NodeAddress s_peer = NodeAddress.Simulated(1);

    private static (SimulationRun Run, List<PingObservation> Seen) TwoNodes(params ScriptedFault[] faults)
    {
        var seen = new List<PingObservation>();
        var scenario = new PingScenario { PeersPerNode = 1, Observer = seen.Add };
        var options = TestRuns.Options(2, seconds: 60) with { Faults = faults };
        var run = new SimulationRun(scenario, options, new ConstantLatencyModel(TimeSpan.FromMilliseconds(20)));
        run.Initialize();
        return (run, seen);
    }

    private static List<PingObservation> AtNode0(List<PingObservation> seen) => [.. seen.Where(o => o.Host == 0)];

    [Fact]
    public void Ping_TwoNodes_PeerRespondedThenPeerFailedAfterCrash()
    {
        var crashAt = TimeSpan.FromSeconds(10);
        var (run, seen) = TwoNodes(ScriptedFault.Crash(crashAt, 1));
        run.RunUntil(SimTime.FromSeconds(30));
        var log = AtNode0(seen);
        var before = log.Where(o => o.Time < crashAt.Ticks).ToList();
        Assert.True(before.Count >= 8, $"expected a response a second before the crash, saw {before.Count}");
        Assert.All(before, o => Assert.True(o.Responded && o.Peer == s_peer));
        Assert.All(before, o => Assert.Equal(40, o.Rtt.TotalMilliseconds, 3));
        var failure = log.First(o => !o.Responded);
        Assert.Equal(s_peer, failure.Peer);
        Assert.InRange(failure.Time, crashAt.Ticks, (crashAt + Ping.FailAfter + Ping.PingInterval).Ticks);
        Assert.DoesNotContain(log, o => o.Responded && o.Time > crashAt.Ticks + SimTime.FromMilliseconds(20));
    }

    [Fact]
    public void Ping_CrashThenRestart_NewIncarnationAnswersAgain()
    {
        var (run, seen) = TwoNodes(ScriptedFault.Crash(TimeSpan.FromSeconds(10), 1), ScriptedFault.Restart(TimeSpan.FromSeconds(20), 1));
        run.RunUntil(SimTime.FromSeconds(40));
        var log = AtNode0(seen);
        Assert.Contains(log, o => !o.Responded && o.Time < SimTime.FromSeconds(20));
        var resumed = log.Where(o => o.Responded && o.Time > SimTime.FromSeconds(20)).ToList();
        Assert.NotEmpty(resumed);
        Assert.True(resumed[0].Time <= SimTime.FromSeconds(20) + (2 * TimeSpan.FromSeconds(5).Ticks) + SimTime.FromSeconds(2));
        var host = run.Network.Hosts[1];
        Assert.Equal(2, host.Incarnation);
        Assert.Equal(Ping.States.Running, host.Node!.Find<Ping>()!.state);
    }

    [Fact]
    public void Ping_Partition_YieldsFailures_HealLetsPingsResume()
    {
        var (run, seen) = TwoNodes(ScriptedFault.Partition(TimeSpan.FromSeconds(10), 1), ScriptedFault.Heal(TimeSpan.FromSeconds(30)));
        run.RunUntil(SimTime.FromSeconds(50));
        var log = AtNode0(seen);
        var failures = log.Where(o => !o.Responded).ToList();
        Assert.NotEmpty(failures);
        Assert.InRange(failures[0].Time, SimTime.FromSeconds(10), SimTime.FromSeconds(10) + (Ping.FailAfter + Ping.PingInterval).Ticks);
        Assert.DoesNotContain(log, o => o.Responded && o.Time > SimTime.FromSeconds(10.1) && o.Time < SimTime.FromSeconds(30));
        var resumed = log.FirstOrDefault(o => o.Responded && o.Time >= SimTime.FromSeconds(30));
        Assert.NotNull(resumed);
        Assert.True(resumed.Time < SimTime.FromSeconds(30) + (2 * TimeSpan.FromSeconds(5).Ticks));
        Assert.True(run.Network.Stats.DroppedPartition > 0);
    }

    [Fact]
    public void Churn_ReplacesNodesAtAboutLambdaPerSecond_JoinersPingThroughBootstrap()
    {
        const double Lambda = 0.5;
        const int Seconds = 120;
        var staleUpcalls = 0;
        SimulationRun? run = null;
        var seen = new List<PingObservation>();
        var scenario = new PingScenario
        {
            Observer = o =>
            {
                if (!run!.Network.Hosts[o.Host].IsAlive) staleUpcalls++;
                seen.Add(o);
            },
        };
        var options = new SimulationOptions { Nodes = 40, Seed = 3, Duration = TimeSpan.FromSeconds(Seconds), Churn = new ChurnOptions { Rate = Lambda } };
        run = new SimulationRun(scenario, options);
        var result = run.Run();
        var deaths = result.Metrics.Counter("churn.deaths");
        var expected = Lambda * Seconds;
        Assert.InRange(deaths, expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected)));
        Assert.Equal(deaths, result.Metrics.Counter("churn.joins"));
        Assert.Equal(40 + deaths, result.Hosts.Count);
        Assert.Equal(40, result.LiveNodes);
        Assert.True(result.Hosts[0].Alive, "the bootstrap node never dies");
        Assert.Equal(0, staleUpcalls);
        Assert.True(seen.Count(o => o.Responded && o.Host >= 40) > deaths, "joined nodes should ping successfully");
        Assert.True(seen.Count(o => !o.Responded) > 0, "dead peers should be reported failed");
        Assert.Contains(seen, o => o.Responded && o.Host >= 40 && o.Peer == NodeAddress.Simulated(0));
    }

    [Fact]
    public void Ping_TransitStub_RttsMatchTopologyRoundTrip()
    {
        var scenario = new PingScenario();
        var run = new SimulationRun(scenario, new SimulationOptions { Nodes = 30, Duration = TimeSpan.FromSeconds(20), Network = new NetworkOptions { LimitBandwidth = false } });
        var mismatches = 0;
        scenario.Observer = o =>
        {
            if (!o.Responded) return;
            var (a, b) = (run.Network.Hosts[o.Host], run.Network.Hosts[o.Peer.SimulatedId]);
            if (o.Rtt.Ticks != run.Network.OneWayTicks(a, b) + run.Network.OneWayTicks(b, a)) mismatches++;
        };
        var result = run.Run();
        Assert.True(result.Metrics.Counter(PingScenario.RespondedCounter) > 30 * 3 * 15);
        Assert.Equal(0, mismatches);
        Assert.Equal(0, result.Metrics.Counter(PingScenario.FailedCounter));
        Assert.All(result.Hosts, h => Assert.True(h.BytesSent > 0));
    }
}
