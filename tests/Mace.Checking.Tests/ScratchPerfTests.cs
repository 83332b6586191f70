using System.Diagnostics;
using Mace.Checking;
using Mace.CheckingServices;
using Xunit.Abstractions;

namespace Mace.Checking.Tests;

public sealed class ScratchPerfTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void Perf(int n, int campaigners)
    {
        var test = new CheckTest<Election>("perf", n, (node, _) => new Election(node, Size: n), Election.Properties)
        {
            Driver = d => { if (d.Index < campaigners) d.Post("Campaign()", s => s.Campaign()); },
        };
        var options = new CheckOptions { Depth = 40, RunWalks = false, MaxStates = 400_000 };
        ModelChecker.Check(test, options with { MaxStates = 2000 });
        var sw = Stopwatch.StartNew();
        var result = ModelChecker.Check(test, options);
        sw.Stop();
        var s = result.Stats;
        output.WriteLine($"n={n}: steps={s.Steps} gen={s.Generated} unique={s.Unique} depth={s.Depth} complete={s.Complete} {sw.Elapsed.TotalSeconds:F2}s gen/s={s.Generated / sw.Elapsed.TotalSeconds:F0} unique/s={s.Unique / sw.Elapsed.TotalSeconds:F0} steps/s={s.Steps / sw.Elapsed.TotalSeconds:F0} violation={result.Violation}");
    }
}
