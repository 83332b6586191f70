using Mace.Experiments;
using Mace.Runtime.Tracing;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>
/// The DHT over Bamboo in the simulator: under churn no acknowledged put is lost (every one is read
/// back after the churn stops), and its Get paths in a trace log agree with the scenario's own latency.
/// </summary>
public sealed class DhtChurnTests
{
    [Fact]
    public void UnderChurn_EveryAcknowledgedPutIsReadBack_AndNoneHasAnotherValue()
    {
        // 100 nodes at 0.8 deaths/s: each node's death rate of 1000 nodes at 8 deaths/s, a mean life of 125 s.
        var run = new SimulationRun(new DhtChurnScenario(), new SimulationOptions
        {
            Nodes = 100,
            Seed = 3,
            Duration = TimeSpan.FromSeconds(180),
            Churn = new ChurnOptions { Rate = 0.8, Start = TimeSpan.FromSeconds(40), End = TimeSpan.FromSeconds(140) },
        });
        var result = run.Run();
        var metrics = run.Metrics;
        Assert.True(metrics.Counter("churn.deaths") >= 50, $"{metrics.Counter("churn.deaths")} deaths");
        Assert.True(metrics.Counter("dht.acknowledged") >= 300, $"{metrics.Counter("dht.acknowledged")} acknowledged");
        Assert.Equal(0, metrics.Counter("dht.lost"));
        Assert.Equal(0, metrics.Counter("dht.wrong"));
        Assert.Equal(metrics.Counter("dht.acknowledged"), metrics.Counter("dht.read.back"));
        // Deterministic: the same seed gives the same run.
        Assert.Equal(result.Digest, new SimulationRun(new DhtChurnScenario(), run.Options).Run().Digest);
    }

    [Fact]
    public void GetPaths_InAMedLog_MatchTheScenariosLatency_AndAnExpectationFlagsExactlyTheSlowOnes()
    {
        using var log = new MemoryStream();
        SimulationRun run;
        using (var writer = new TraceLogWriter(log))
        {
            run = new SimulationRun(new DhtChurnScenario { ReadPhase = TimeSpan.FromSeconds(10) }, new SimulationOptions
            {
                Nodes = 60,
                Seed = 5,
                Duration = TimeSpan.FromSeconds(60),
                TraceSink = writer,
                TraceLevel = TraceLevel.Med,
            });
            run.Run();
        }
        log.Position = 0;
        using var reader = TraceLogReader.Open(log, "dht.macelog");
        var history = new CausalHistory([.. reader.Records()]);
        // Dht.mace declares a get's path ([path=start] on Get, [path=end] on the answer): one per Get.
        var paths = history.DeclaredPaths().Where(p => p.Kind == "Dht.Get").ToList();
        Assert.Equal(history.Events.Count(e => e.Records.Any(r => r.Service == "Dht" && r.Event == "Get")), paths.Count);
        var measured = run.Metrics.Distribution("dht.get.latency");
        Assert.True(paths.Count >= measured.Count, $"{paths.Count} paths, {measured.Count} gets answered");
        Assert.True(measured.Count >= 50);

        // A get's path ends at the delivery that upcalls its result back on the requester (or is the one
        // event of a get the requester answers itself): those paths' latencies are the scenario's.
        var answered = paths.Where(p => p.Events.Count == 1 || p.Events.Any(e => e.Event.Node == p.Start.Node && e.Event != p.Start)).Select(p => p.Latency.TotalMilliseconds).Order().ToList();
        Assert.Equal(measured.Count, answered.Count);
        Assert.InRange(answered[answered.Count / 2], measured.Median * 0.95, measured.Median * 1.05);
        Assert.All(paths, p => Assert.InRange(p.Hops, 0, 8));

        var bound = answered[(int)(answered.Count * 0.9)];
        var expectations = PathExpectations.Parse($"path Dht.Get\n  max-latency {bound:0.###}ms\n", "slow.txt");
        var (violations, checkedCounts) = PathExpectations.Check(history, expectations);
        Assert.Equal(paths.Count, checkedCounts[expectations[0]]);
        Assert.Equal(paths.Count(p => p.Latency.TotalMilliseconds > Math.Round(bound, 3)), violations.Count);
        Assert.NotEmpty(violations);
    }
}
