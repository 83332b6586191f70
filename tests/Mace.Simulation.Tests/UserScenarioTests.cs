using System.Globalization;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>
/// `mace sim NAME --assembly USER.dll`: a scenario declared outside mace (BeaconScenario, in this
/// assembly) runs with the shipped scenarios' output, gives the digest of the same run in process,
/// and a bad assembly is a clear error.
/// </summary>
public sealed class UserScenarioTests
{
    private static string ThisAssembly => typeof(BeaconScenario).Assembly.Location;

    [Fact]
    public void UserScenario_RunsFromTheCli_WithTablesPlotsAndTheInProcessDigest()
    {
        var dir = DeterminismTests.TempDir();
        var (exit, output, error) = DeterminismTests.RunCli($"sim beacon --assembly {ThisAssembly} --nodes 10 --duration 5s --seed 4 --out {dir} --no-progress");
        Assert.True(exit == 0, error);
        var inProcess = new SimulationRun(new BeaconScenario(), new SimulationOptions { Nodes = 10, Seed = 4, Duration = TimeSpan.FromSeconds(5) }).Run();
        Assert.Contains($"digest: {inProcess.Digest}", output, StringComparison.Ordinal);

        // Node 0 hears all 9 others; nodes 1 and 9 hear two peers; nodes 2..8 hear their two neighbours and node 0.
        var pairs = File.ReadAllLines(Path.Combine(dir, "summary.csv")).Single(l => l.StartsWith("beacon.pairs,", StringComparison.Ordinal));
        Assert.Equal(9 + 2 + 2 + (7 * 3), long.Parse(pairs.Split(',')[1], CultureInfo.InvariantCulture));
        Assert.Contains("beacon.heard", File.ReadAllText(Path.Combine(dir, "timeline.csv")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "timeline.png")));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void UnknownScenario_ListsTheUserScenariosToo()
    {
        var (exit, _, error) = DeterminismTests.RunCli($"sim nosuch --assembly {ThisAssembly} --no-progress");
        Assert.Equal(2, exit);
        Assert.Contains("unknown scenario 'nosuch' (available: ping, ", error, StringComparison.Ordinal);
        var available = error[error.IndexOf("(available: ", StringComparison.Ordinal)..].TrimEnd().TrimEnd(')').Split(", ");
        Assert.Contains("beacon", available);
    }

    [Fact]
    public void AssemblyWithoutScenarios_IsAClearError()
    {
        var runtime = typeof(Runtime.Node).Assembly.Location;
        var (exit, _, error) = DeterminismTests.RunCli($"sim beacon --assembly {runtime} --no-progress");
        Assert.Equal(2, exit);
        Assert.Contains($"mace sim: error: --assembly: '{runtime}' declares no public Scenario subclass", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAssembly_IsAClearError()
    {
        var (exit, _, error) = DeterminismTests.RunCli("sim beacon --assembly /nonexistent/User.dll --no-progress");
        Assert.Equal(2, exit);
        Assert.Contains("mace sim: error: --assembly: assembly '/nonexistent/User.dll' not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
