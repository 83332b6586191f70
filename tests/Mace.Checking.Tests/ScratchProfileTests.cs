using System.Diagnostics;
using Mace.Checking;
using Mace.Checking.Execution;
using Mace.Checking.Search;
using Mace.CheckingServices;
using Xunit.Abstractions;

namespace Mace.Checking.Tests;

public sealed class ScratchProfileTests(ITestOutputHelper output)
{
    [Fact]
    public void Profile()
    {
        var n = 5;
        var test = new CheckTest<Election>("perf", n, (node, _) => new Election(node, Size: n), Election.Properties)
        {
            Driver = d => { if (d.Index < 3) d.Post("Campaign()", s => s.Campaign()); },
        };
        var chooser = new ScriptedChooser();
        var world = new CheckWorld(test, new CheckOptions(), chooser);
        int[] empty = [];
        for (var rep = 0; rep < 2; rep++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 20000; i++) { chooser.Start(empty, 0); world.Reset(); }
            var reset = sw.Elapsed.TotalMicroseconds / 20000;
            sw.Restart();
            long steps = 0;
            for (var i = 0; i < 20000; i++) { chooser.Start(empty, 0); chooser.ResetOdometer(); world.Reset(); for (var s = 0; s < 12 && world.Step(); s++) steps++; }
            var withSteps = sw.Elapsed.TotalMicroseconds / 20000;
            sw.Restart();
            for (var i = 0; i < 20000; i++) { world.ComputeHash(); }
            var hashClean = sw.Elapsed.TotalMicroseconds / 20000;
            sw.Restart();
            for (var i = 0; i < 20000; i++) { world.RestoreNodeHashes(new ulong[5]); for (var k = 0; k < 5; k++) world.Slot(k).Dirty = true; world.ComputeHash(); }
            var hashDirty = sw.Elapsed.TotalMicroseconds / 20000;
            output.WriteLine($"reset={reset:F2}us reset+12steps={withSteps:F2}us perStep={(withSteps - reset) * 20000 / steps:F3}us hashClean={hashClean:F3}us hashAllDirty={hashDirty:F3}us");
        }
    }
}
