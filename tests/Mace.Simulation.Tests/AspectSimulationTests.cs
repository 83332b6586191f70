using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;
using Mace.TestServices;

namespace Mace.Simulation.Tests;

/// <summary>Local aspects in the simulator: <c>Gauge.mace</c>'s aspect on <c>Value</c> over five nodes exchanging UDP messages.</summary>
public sealed class AspectSimulationTests
{
    [Fact]
    public void Aspect_FiresOncePerChangingEvent_WithOldValue_NeverForChangeAndRestore()
    {
        var run = new SimulationRun(
            new LambdaScenario(node => Gauge.Create(node)),
            TestRuns.Options(5, seconds: 120),
            new ConstantLatencyModel(TimeSpan.FromMilliseconds(15)));
        run.Initialize();
        var hosts = run.Network.Hosts;
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var from = hosts[random.Next(5)];
            var to = hosts[random.Next(5)].Address;
            var value = random.Next(4);
            var bounce = random.Next(3) == 0;
            run.InvokeAt(SimTime.FromMilliseconds(100 + (i * 500)), from, node =>
            {
                var gauge = node.Find<Gauge>()!;
                if (bounce) gauge.BounceAt(to);
                else gauge.SetAt(to, value);
            });
        }
        run.RunUntil(SimTime.FromSeconds(120));

        var totalChanges = 0;
        foreach (var host in hosts)
        {
            var gauge = host.Node!.Find<Gauge>()!;
            Assert.True(gauge.Events > gauge.Changes, "bounces, unchanged sets and ticks are events that change nothing");
            // Exactly one aspect run per event that changed Value (a double bump is one event).
            Assert.Equal(gauge.Changes, gauge.Seen.Count);
            // Each run saw the value from before its event: the old values chain from 0 to the final value.
            var previous = 0;
            foreach (var entry in gauge.Seen)
            {
                var parts = entry.Split("->");
                Assert.Equal(previous, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
                var current = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                Assert.NotEqual(previous, current);
                previous = current;
            }
            Assert.Equal(gauge.Value, previous);
            totalChanges += gauge.Changes;
        }
        Assert.True(totalChanges > 50, $"the workload should change values often, saw {totalChanges}");
    }
}
