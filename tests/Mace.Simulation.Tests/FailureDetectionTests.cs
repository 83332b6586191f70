using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;
using Mace.Experiments;

namespace Mace.Simulation.Tests;

/// <summary>
/// Distributed detectors in the simulator: <c>ProbeDetector.mace</c> (a generated <c>detect</c>
/// block) and <c>PhiDetector.mace</c>, ten nodes watching each other over simulated UDP.
/// </summary>
public sealed class FailureDetectionTests
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private static (SimulationResult Result, List<DetectorObservation> Seen) Run(
        DetectorKind kind, double seconds, double loss = 0, ulong seed = 1, params ScriptedFault[] faults)
    {
        var seen = new List<DetectorObservation>();
        var scenario = new FailureDetectionScenario
        {
            Kind = kind,
            Period = kind == DetectorKind.Probe ? s_period : TimeSpan.FromSeconds(1),
            Timeout = s_timeout,
            PeersPerNode = 0,
            Observer = seen.Add,
        };
        var options = TestRuns.Options(10, seconds, new NetworkOptions { LimitBandwidth = false, UdpLoss = loss }, seed) with { Faults = faults };
        var result = new SimulationRun(scenario, options, new ConstantLatencyModel(TimeSpan.FromMilliseconds(25))).Run();
        return (result, seen);
    }

    [Fact]
    public void ProbeDetector_CrashedPeer_SuspectedByEveryWatcherWithinTimeout()
    {
        var crashAt = TimeSpan.FromSeconds(30);
        var (result, seen) = Run(DetectorKind.Probe, 60, faults: ScriptedFault.Crash(crashAt, 3));

        var suspicions = seen.Where(o => o.Suspected).ToList();
        Assert.Equal(9, suspicions.Count);
        Assert.All(suspicions, o =>
        {
            Assert.Equal(3, o.Peer.SimulatedId);
            Assert.True(o.PeerFailed);
            // Last heard at most a period (and a round trip) before the crash; raised when that silence reaches the timeout.
            Assert.InRange(TimeSpan.FromTicks(o.Time) - crashAt, s_timeout - s_period - TimeSpan.FromMilliseconds(100), s_timeout);
        });
        Assert.Equal(9, suspicions.Select(o => o.Watcher).Distinct().Count());
        Assert.Equal(0, result.Metrics.Counter(FailureDetectionScenario.FalsePositivesCounter));
        Assert.Equal(0, result.Metrics.Counter(FailureDetectionScenario.MissedCounter));
    }

    [Fact]
    public void ProbeDetector_Partition_BothSidesSuspectTheOtherAndRecoverAfterHeal()
    {
        var cutAt = TimeSpan.FromSeconds(20);
        var healAt = TimeSpan.FromSeconds(40);
        var (_, seen) = Run(DetectorKind.Probe, 60, faults: [ScriptedFault.Partition(cutAt, 0, 1, 2), ScriptedFault.Heal(healAt)]);

        var minority = new HashSet<int> { 0, 1, 2 };
        var suspicions = seen.Where(o => o.Suspected).ToList();
        // Every watcher suspects exactly the peers on the other side: 3 x 7 pairs, both ways.
        Assert.Equal(42, suspicions.Count);
        Assert.All(suspicions, o =>
        {
            Assert.NotEqual(minority.Contains(o.Watcher), minority.Contains(o.Peer.SimulatedId));
            Assert.True(o.PeerFailed);
            Assert.InRange(TimeSpan.FromTicks(o.Time), cutAt, cutAt + s_timeout);
        });
        var recoveries = seen.Where(o => !o.Suspected).ToList();
        Assert.Equal(42, recoveries.Count);
        Assert.All(recoveries, o => Assert.InRange(TimeSpan.FromTicks(o.Time), healAt, healAt + s_period + TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void ProbeDetector_HealthyNetworkWithTenPercentUdpLoss_NoSuspicionInTenMinutes()
    {
        var (result, seen) = Run(DetectorKind.Probe, 600, loss: 0.10);

        Assert.Empty(seen);
        Assert.Equal(90, result.Metrics.Counter("detector.watched-pairs"));
        // The loss is real: about a fifth of probe round trips fail.
        Assert.True(result.Network.Lost > 10_000, $"expected UDP losses, saw {result.Network.Lost}");
    }

    [Fact]
    public void PhiDetector_CrashedPeer_SuspectedByEveryWatcher_AfterTheAcceptablePause()
    {
        var crashAt = TimeSpan.FromSeconds(60);
        var (result, seen) = Run(DetectorKind.Phi, 90, faults: ScriptedFault.Crash(crashAt, 3));

        var suspicions = seen.Where(o => o.Suspected).ToList();
        Assert.Equal(9, suspicions.Count);
        Assert.All(suspicions, o =>
        {
            Assert.Equal(3, o.Peer.SimulatedId);
            // Akka's defaults: 1 s heartbeats plus a 3 s acceptable pause before phi climbs past 8.
            Assert.InRange(TimeSpan.FromTicks(o.Time) - crashAt, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
        });
        Assert.Equal(0, result.Metrics.Counter(FailureDetectionScenario.FalsePositivesCounter));
    }

    [Fact]
    public void FailureDetection_SameSeed_SameObservations()
    {
        var (_, first) = Run(DetectorKind.Probe, 120, loss: 0.6, seed: 5, faults: ScriptedFault.Crash(TimeSpan.FromSeconds(50), 7));
        var (_, second) = Run(DetectorKind.Probe, 120, loss: 0.6, seed: 5, faults: ScriptedFault.Crash(TimeSpan.FromSeconds(50), 7));

        Assert.Contains(first, o => o.Suspected && !o.PeerFailed);
        Assert.Equal(first, second);
    }
}
