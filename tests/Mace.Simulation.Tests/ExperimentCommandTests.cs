namespace Mace.Simulation.Tests;

/// <summary><c>mace experiment</c> as a user runs it: arguments, output files, table.</summary>
public sealed class ExperimentCommandTests
{
    [Theory]
    [InlineData("experiment failure-detection --losses 2", "mace experiment failure-detection: error: '2' is not a loss probability in [0, 1)")]
    [InlineData("experiment failure-detection --losses 0.1 --seconds 30", "--seconds of at least 120")]
    [InlineData("experiment bamboo-churn --overlays kademlia", "mace experiment: error: unknown overlay 'kademlia'")]
    [InlineData("experiment bulletprime --seeds 1,x", "mace experiment bulletprime: error: --seeds: 'x' is not a seed")]
    [InlineData("experiment bulletprime --downlink 12-4", "--downlink must be MIN-MAX in Mbps")]
    [InlineData("experiment bulletprime --nodes 1", "--nodes of at least 2")]
    [InlineData("experiment all --only Scribe,Kademlia", "mace experiment all: error: --only: unknown system 'Kademlia'")]
    public void WrongArguments_ExitTwoWithClearMessage(string arguments, string message)
    {
        var (exit, _, error) = DeterminismTests.RunCli(arguments);
        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureDetection_WritesTableCsvAndPlot_OneRowPerConfiguration()
    {
        var dir = DeterminismTests.TempDir();
        var (exit, output, error) = DeterminismTests.RunCli($"experiment failure-detection --losses 0.1 --seconds 120 --out {dir}");
        Assert.True(exit == 0, error);
        Assert.Contains("| phi 1s/8 | 10% |", output, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(dir, "failure-detection.csv"));
        Assert.Equal(Mace.Experiments.DetectorStudy.DefaultConfigurations.Count + 1, csv.Length);
        // One crash at 60 s: every row detected it and missed nothing.
        Assert.All(csv.Skip(1), row =>
        {
            var fields = row.Split(',');
            Assert.True(int.Parse(fields[6], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
            Assert.Equal("0", fields[7]);
        });
        var png = File.ReadAllBytes(Path.Combine(dir, "failure-detection.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("[10/10]", error, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void BulletPrime_MeshBeatsTheTreeOnTheSameHosts_WritesTableCsvAndPlot()
    {
        var dir = DeterminismTests.TempDir();
        var (exit, output, error) = DeterminismTests.RunCli($"experiment bulletprime --nodes 30 --seconds 200 --seeds 3 --out {dir}");
        Assert.True(exit == 0, error);
        Assert.Contains("| bulletprime | 3 | 30 / 30 |", output, StringComparison.Ordinal);
        Assert.Contains("| bulletprime-tree | 3 | 30 / 30 |", output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(dir, "bulletprime-completion.csv")).Skip(1).Select(r => r.Split(',')).ToList();
        double Median(string mode)
        {
            var times = rows.Where(r => r[0] == mode).Select(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(29, times.Count);
            return times[times.Count / 2];
        }
        // Every receiver is a row; the mesh finishes the median node in well under the tree's time.
        Assert.True(Median("bulletprime") * 2 < Median("bulletprime-tree"), string.Join("\n", rows.Select(r => string.Join(",", r))));
        var png = File.ReadAllBytes(Path.Combine(dir, "bulletprime-cdf.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("[2/2]", error, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void All_SmallScaleTwoSystems_OneDirectoryPerRunAndASummaryOfTheirFigures()
    {
        var dir = DeterminismTests.TempDir();
        var (exit, output, error) = DeterminismTests.RunCli($"experiment all --only scribe,RandTree --no-plot --out {dir}");
        Assert.True(exit == 0, error);
        // Two runs each (one with churn); the other systems are not run.
        foreach (var run in new[] { "scribe", "scribe-churn0.8", "randtree", "randtree-churn0.8" })
        {
            Assert.True(File.Exists(Path.Combine(dir, run, "summary.csv")), run);
        }
        Assert.False(Directory.Exists(Path.Combine(dir, "vivaldi")));
        Assert.Contains("[4/4]", error, StringComparison.Ordinal);
        // Without churn every member gets every message and every node is in the tree.
        Assert.Contains("| Scribe | scribe | 100 | 90 s | delivery 100.0%;", output, StringComparison.Ordinal);
        Assert.Contains("| RandTree | randtree | 100 | 60 s | connected 100.0%;", output, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.Equal("system,run,nodes,simulated_s,figure,value,digest,wall_s,command", csv[0]);
        Assert.Equal(12, csv.Length - 1);
        Assert.Contains(csv, row => row.StartsWith("Scribe,scribe-churn0.8,100,120,delivery,", StringComparison.Ordinal) && row.EndsWith("mace sim scribe --nodes 100 --duration 120s --seed 1 --churn 0.8 --churn-window 50s-110s", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.md")).Trim(), output[..output.IndexOf("wrote ", StringComparison.Ordinal)].Trim());
        Directory.Delete(dir, recursive: true);
    }
}
