namespace Mace.Simulation.Tests;

/// <summary><c>mace experiment failure-detection</c> as a user runs it: arguments, output files, table.</summary>
public sealed class ExperimentCommandTests
{
    [Theory]
    [InlineData("experiment failure-detection --losses 2", "mace experiment failure-detection: error: '2' is not a loss probability in [0, 1)")]
    [InlineData("experiment failure-detection --losses 0.1 --seconds 30", "--seconds of at least 120")]
    [InlineData("experiment bamboo-churn --overlays kademlia", "mace experiment: error: unknown overlay 'kademlia'")]
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
}
