using Mace.Runtime;
using Mace.Simulation.Harness;
using Mace.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Mace.Services.Tests;

public class DiagTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(OverlayKind.Chord)]
    [InlineData(OverlayKind.Bamboo)]
    public void Diag(OverlayKind overlay)
    {
        var scenario = new BambooChurnScenario(overlay) { Warmup = TimeSpan.FromSeconds(60), CheckOwners = true };
        var options = new SimulationOptions { Nodes = 300, Seed = 7, Duration = TimeSpan.FromSeconds(80), StartWindow = TimeSpan.Zero };
        var run = new SimulationRun(scenario, options);
        var result = run.Run();
        foreach (var (n, v) in result.SummaryRows()) output.WriteLine($"{n}: {v}");
        output.WriteLine($"wrong {scenario.WrongOwners} of {scenario.OwnerChecks}");
        var ids = run.LiveHosts.Select(h => (Id: RingMath.IdOf(h.Address), h.Address)).OrderBy(x => x.Id).ToList();
        var bad = 0;
        for (var i = 0; i < ids.Count && overlay == OverlayKind.Chord; i++)
        {
            var chord = run.LiveHosts.First(h => h.Address == ids[i].Address).Node!.Find<Chord>()!;
            var succ = ids[(i + 1) % ids.Count].Address;
            var pred = ids[(i + ids.Count - 1) % ids.Count].Address;
            if (chord.Succ.Count == 0 || chord.Succ[0] != succ || chord.Pred != pred)
            {
                if (bad++ < 10) output.WriteLine($"node {ids[i].Address} succ {(chord.Succ.Count > 0 ? chord.Succ[0] : default)} (true {succ}) pred {chord.Pred} (true {pred}) state {chord.state}");
            }
        }
        output.WriteLine($"bad ring entries {bad}");
        Assert.Fail("diag");
    }
}
