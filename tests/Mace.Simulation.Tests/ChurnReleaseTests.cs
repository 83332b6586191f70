using System.Runtime.CompilerServices;
using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Simulation.Tests;

/// <summary>
/// A long churn run must hold the live nodes only: a churned-out host's incarnation is released,
/// and live transports forget their connections to such hosts without changing any outcome.
/// </summary>
public sealed class ChurnReleaseTests
{
    [Fact]
    public void ChurnedOutNodes_AreCollected_ScriptedCrashKeepsItsLastIncarnation()
    {
        var options = TestRuns.Options(20, seconds: 30) with
        {
            Churn = new ChurnOptions { Rate = 2, Start = TimeSpan.FromSeconds(1), End = TimeSpan.FromSeconds(20) },
            Faults = [ScriptedFault.Crash(TimeSpan.FromSeconds(0.5), 5)],
        };
        var run = TestRuns.Probes(options);
        var initial = WeakNodes(run, 20);
        run.RunUntil(SimTime.FromSeconds(30));

        var dead = run.Network.Hosts.Where(h => !h.IsAlive).ToList();
        Assert.True(dead.Count > 10, $"only {dead.Count} hosts died");
        var crashed = run.Network.Hosts[5];
        Assert.False(crashed.IsAlive);
        Assert.NotNull(crashed.Environment); // a scripted crash may be restarted and inspected
        Assert.All(dead.Where(h => h.Id != 5), h => Assert.Null(h.Environment));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        for (var id = 0; id < 20; id++)
        {
            var host = run.Network.Hosts[id];
            if (host.IsAlive || id == 5) Assert.True(initial[id].TryGetTarget(out _), $"host {id}'s node was collected");
            else Assert.False(initial[id].TryGetTarget(out _), $"churned-out host {id}'s node is still reachable");
        }
    }

    [Fact]
    public void LiveTransport_ForgetsReleasedPeers_AndSendingToOneStillFailsWithPeerDead()
    {
        var options = TestRuns.Options(10, seconds: 40) with
        {
            Churn = new ChurnOptions { Rate = 10, Start = TimeSpan.FromSeconds(1), End = TimeSpan.FromSeconds(30) },
        };
        var run = TestRuns.Probes(options);
        var sender = run.Network.Hosts[0];
        var contacted = new HashSet<int>();
        for (var t = 1.0; t < 31; t += 0.5)
        {
            run.At(SimTime.FromSeconds(t), () =>
            {
                var targets = run.LiveHosts.Where(h => h.Id != 0).ToList();
                sender.Node!.Execute(() =>
                {
                    foreach (var target in targets)
                    {
                        contacted.Add(target.Id);
                        TestRuns.Tcp(sender).Send(target.Address, [1, 2, 3]);
                    }
                });
            });
        }
        run.RunUntil(SimTime.FromSeconds(35));

        var transport = (SimTcpTransport)TestRuns.Tcp(sender).Net;
        var released = contacted.Count(id => run.Network.Hosts[id].Environment is null);
        Assert.True(released > 200, $"only {released} contacted hosts were churned out");
        Assert.True(transport.ConnectionCount < contacted.Count - released + 100,
            $"{transport.ConnectionCount} connections kept for {contacted.Count - released} live peers of {contacted.Count} contacted");

        var gone = run.Network.Hosts.First(h => contacted.Contains(h.Id) && h.Environment is null);
        var errorsBefore = TestRuns.Tcp(sender).Errors.Count(e => e.Peer == gone.Address);
        run.InvokeAt(SimTime.FromSeconds(36), sender, _ => TestRuns.Tcp(sender).Send(gone.Address, [4]));
        run.RunUntil(SimTime.FromSeconds(40));
        var errors = TestRuns.Tcp(sender).Errors.Where(e => e.Peer == gone.Address).Skip(errorsBefore).ToList();
        Assert.Equal([TransportError.PeerDead], errors.Select(e => e.Error));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<Node>[] WeakNodes(SimulationRun run, int count) =>
        [.. Enumerable.Range(0, count).Select(id => new WeakReference<Node>(run.Network.Hosts[id].Node!))];
}
