using Mace.Runtime;
using Mace.Simulation.Engine;

namespace Mace.Simulation.Tests;

public sealed class EnvironmentTests
{
    [Fact]
    public void SetTimer_FiresAtNowPlusDelay_CancelledTimerDoesNot()
    {
        var run = TestRuns.Probes(TestRuns.Options(1));
        var node = run.Network.Hosts[0].Node!;
        var fired = new List<(string Name, long Time)>();
        run.InvokeAt(SimTime.FromSeconds(1), run.Network.Hosts[0], n =>
        {
            n.SetTimer(TimeSpan.FromMilliseconds(250), () => fired.Add(("a", run.Now)));
            var cancelled = n.SetTimer(TimeSpan.FromMilliseconds(100), () => fired.Add(("b", run.Now)));
            n.SetTimer(TimeSpan.FromMilliseconds(50), () => cancelled.Cancel());
        });
        run.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal([("a", SimTime.FromMilliseconds(1250))], fired);
        Assert.Equal(SimTime.Epoch.AddSeconds(5), node.Environment.Now);
    }

    [Fact]
    public void Post_RunsAtCurrentTimeAfterEarlierEvents()
    {
        var run = TestRuns.Probes(TestRuns.Options(1));
        var host = run.Network.Hosts[0];
        var order = new List<string>();
        run.InvokeAt(SimTime.FromSeconds(1), host, n =>
        {
            n.Post(() => order.Add($"posted@{run.Now}"));
            order.Add("call");
        });
        run.InvokeAt(SimTime.FromSeconds(1), host, _ => order.Add("second call"));
        run.RunUntil(SimTime.FromSeconds(2));
        Assert.Equal(["call", "second call", $"posted@{SimTime.FromSeconds(1)}"], order);
    }

    [Fact]
    public void RandInt_EachNodeHasItsOwnSeededStream()
    {
        static int[] Draws(ulong seed, int host)
        {
            var run = TestRuns.Probes(TestRuns.Options(3, seed: seed));
            var env = run.Network.Hosts[host].Environment!;
            return [.. Enumerable.Range(0, 20).Select(_ => env.RandInt(1_000_000))];
        }
        Assert.Equal(Draws(5, 1), Draws(5, 1));
        Assert.NotEqual(Draws(5, 1), Draws(5, 2));
        Assert.NotEqual(Draws(5, 1), Draws(6, 1));
    }

    [Fact]
    public void EventException_IsCountedAndNodeGoesOn()
    {
        var run = TestRuns.Probes(TestRuns.Options(1));
        var host = run.Network.Hosts[0];
        var after = false;
        run.InvokeAt(SimTime.FromSeconds(1), host, _ => throw new InvalidOperationException("boom"));
        run.InvokeAt(SimTime.FromSeconds(2), host, _ => after = true);
        run.RunUntil(SimTime.FromSeconds(3));
        Assert.True(after);
        Assert.Equal(1, run.Network.Stats.FailedEvents);
        Assert.Equal(1, host.Node!.FailedEvents);
        Assert.IsType<InvalidOperationException>(host.Environment!.LastFailure);
    }

    [Fact]
    public void Restart_BuildsNewIncarnationThatRunsMaceInitAgain_OldTimersDropped()
    {
        var run = TestRuns.Probes(TestRuns.Options(1));
        var host = run.Network.Hosts[0];
        var oldFired = false;
        run.InvokeAt(SimTime.FromSeconds(1), host, n => n.SetTimer(TimeSpan.FromSeconds(5), () => oldFired = true));
        run.At(SimTime.FromSeconds(2), () => run.Crash(host));
        run.At(SimTime.FromSeconds(3), () => run.Restart(host));
        run.RunUntil(SimTime.FromSeconds(1.5));
        var first = host.Environment!;
        Assert.Equal(1, TestRuns.Tcp(host).Inits);
        run.RunUntil(SimTime.FromSeconds(10));
        Assert.False(oldFired);
        Assert.False(first.IsAlive);
        Assert.NotSame(first, host.Environment);
        Assert.Equal(2, host.Incarnation);
        Assert.Equal(1, TestRuns.Tcp(host).Inits);
        Assert.Equal(1, run.Network.Stats.StaleEvents);
        Assert.Equal(host.Address, host.Node!.Address);
    }
}
