using Mace.Runtime;
using Mace.Simulation.Harness;
using Xunit.Abstractions;

namespace Mace.Services.Tests;

public class DiagTests(ITestOutputHelper output)
{
    [Fact]
    public void Diag()
    {
        var scenario = new DhtScenario(OverlayKind.Chord) { JoinSpacing = TimeSpan.FromMilliseconds(20) };
        var run = new SimulationRun(scenario, new SimulationOptions { Nodes = 1000, Seed = 11, Duration = TimeSpan.FromSeconds(300), StartWindow = TimeSpan.Zero });
        foreach (var t in new[] { 30, 60, 90 })
        {
            run.RunUntil(TimeSpan.FromSeconds(t).Ticks);
            var ids = run.LiveHosts.Select(h => h.Address).OrderBy(a => RingMath.IdOf(a)).ToList();
            int badSucc = 0, badPred = 0, wrong = 0;
            for (var i = 0; i < ids.Count; i++)
            {
                var c = run.Network.Hosts[ids[i].SimulatedId].Node!.Find<Chord>()!;
                if (c.Succ.Count == 0 || c.Succ[0] != ids[(i + 1) % ids.Count]) badSucc++;
                if (c.Pred != ids[(i + ids.Count - 1) % ids.Count])
                {
                    if (badPred++ < 3) output.WriteLine($"t={t} {ids[i]} pred {c.Pred} true {ids[(i + ids.Count - 1) % ids.Count]} state {c.state} succ0 {(c.Succ.Count > 0 ? c.Succ[0] : default)} true {ids[(i + 1) % ids.Count]}");
                }
            }
            for (var k = 0; k < 500; k++)
            {
                var key = Key.Hash("k" + k);
                try { if (OverlayOracle.Walk(run, run.Network.Hosts[k].Address, key).Owner != OverlayOracle.TrueOwner(run, key, OverlayKind.Chord)) wrong++; }
                catch (InvalidOperationException) { wrong += 1000; }
            }
            output.WriteLine($"t={t} badSucc {badSucc} badPred {badPred} wrong {wrong}/500");
        }
        Assert.Fail("diag");
    }
}
