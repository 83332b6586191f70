using Mace.Simulation.Engine;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

public sealed class WorkloadTests
{
    [Fact]
    public void Poisson_CallsAtAboutTheRate_OnLiveHostsOnly()
    {
        var run = TestRuns.Probes(TestRuns.Options(10, seconds: 200));
        run.At(SimTime.FromSeconds(1), () => run.Crash(run.Network.Hosts[3]));
        var calls = new List<(long Time, int Host)>();
        Workload.Poisson(run, 2.0, 1, (host, node) =>
        {
            Assert.Same(host.Node, node);
            calls.Add((run.Now, host.Id));
        }, TimeSpan.FromSeconds(2));
        run.RunUntil(run.EndTime);
        var expected = 2.0 * 198;
        Assert.InRange(calls.Count, expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected)));
        Assert.DoesNotContain(calls, c => c.Host == 3);
        Assert.All(calls, c => Assert.True(c.Time >= SimTime.FromSeconds(2)));
        Assert.Equal(calls.Count, run.Metrics.Counter("workload.calls"));
    }

    [Fact]
    public void Scripted_CallsAtTheGivenTimesOnTheGivenHosts()
    {
        var run = TestRuns.Probes(TestRuns.Options(3));
        var calls = new List<(long Time, int Host)>();
        Workload.Scripted(run, [(TimeSpan.FromSeconds(2), 1), (TimeSpan.FromSeconds(1), 2)], (host, _) => calls.Add((run.Now, host.Id)));
        run.RunUntil(SimTime.FromSeconds(3));
        Assert.Equal([(SimTime.FromSeconds(1), 2), (SimTime.FromSeconds(2), 1)], calls);
    }
}
