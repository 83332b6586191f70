namespace Mace.Simulation.Tests;

public sealed class SimCommandTests
{
    [Theory]
    [InlineData("sim nosuch", "unknown scenario 'nosuch' (available: ")]
    [InlineData("sim ping --nodes 0", "--nodes must be at least 1")]
    [InlineData("sim ping --duration 10x", "--duration '10x' is not a duration")]
    [InlineData("sim ping --seed -3", "--seed must be an integer")]
    [InlineData("sim ping --churn -1", "--churn must be a rate >= 0")]
    [InlineData("sim ping --topology mesh", "unknown topology 'mesh'")]
    [InlineData("sim ping --topology king:/nonexistent/m.txt", "king matrix '/nonexistent/m.txt' does not exist")]
    [InlineData("sim ping --nodes 5 --fault crash:9@1s", "--fault: host 9 does not exist")]
    [InlineData("sim ping --bandwidth 8-2", "--bandwidth must be MIN-MAX")]
    [InlineData("sim ping --downlink 0-5", "--downlink must be MIN-MAX")]
    [InlineData("sim ping --downlink fast", "--downlink must be MIN-MAX")]
    [InlineData("sim failure-detection --udp-loss 1.5", "--udp-loss must be a probability in [0, 1), not 1.5")]
    public void WrongArguments_ExitTwoWithClearMessage(string arguments, string message)
    {
        var (exit, _, error) = DeterminismTests.RunCli(arguments + " --no-progress");
        Assert.Equal(2, exit);
        Assert.Contains("mace sim: error: " + message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryOption()
    {
        var (exit, output, _) = DeterminismTests.RunCli("sim --help");
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--nodes", "--seed", "--duration", "--churn", "--topology", "--out", "--fault", "--bandwidth", "--downlink", "--udp-loss", "--no-progress", "--no-plot", "ping" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_WritesCsvAndPngAndPrintsDigest()
    {
        var dir = DeterminismTests.TempDir();
        var (exit, output, error) = DeterminismTests.RunCli($"sim ping --nodes 20 --duration 15s --out {dir} --no-progress");
        Assert.True(exit == 0, error);
        Assert.Contains("digest: ", output, StringComparison.Ordinal);
        foreach (var file in new[] { "summary.csv", "distributions.csv", "nodes.csv", "timeline.csv", "latency-cdf.png", "timeline.png" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }
        Assert.Equal(21, File.ReadAllLines(Path.Combine(dir, "nodes.csv")).Length);
        var png = File.ReadAllBytes(Path.Combine(dir, "latency-cdf.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("ping.rtt", File.ReadAllText(Path.Combine(dir, "distributions.csv")), StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void UdpLoss_ReachesTheSimulatedNetwork()
    {
        var dir = DeterminismTests.TempDir();
        var (exit, _, error) = DeterminismTests.RunCli($"sim failure-detection --nodes 10 --duration 2m --udp-loss 0.6 --out {dir} --no-progress --no-plot");
        Assert.True(exit == 0, error);
        var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        var falsePositives = summary.Single(l => l.StartsWith("detector.false-positives,", StringComparison.Ordinal));
        Assert.True(long.Parse(falsePositives.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) > 0, falsePositives);
        Directory.Delete(dir, recursive: true);
    }
}
