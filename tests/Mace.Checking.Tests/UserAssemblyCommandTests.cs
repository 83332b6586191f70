using System.Diagnostics;
using System.Text.Json;

namespace Mace.Checking.Tests;

/// <summary>
/// <c>mace check --assembly</c> on a test the CLI does not bundle: the counterexample records the
/// assembly, <c>mace replay FILE</c> alone reproduces it, and the printed hint is a working command.
/// </summary>
public sealed class UserAssemblyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mace-user-assembly-").FullName;
    private readonly string _assembly = typeof(OutsideCheckTests).Assembly.Location;

    [Fact]
    public void Counterexample_RecordsItsAssembly_AndReplaysWithoutNamingIt()
    {
        var file = Path.Combine(_dir, "two-leaders.json");
        var (exit, output, error) = RunCli("check", "Outside.TwoLeaders", "--assembly", _assembly, "-o", file, "--no-progress");
        Assert.True(exit == 1, $"exit {exit}: {error}");

        using (var json = JsonDocument.Parse(File.ReadAllText(file)))
        {
            Assert.Equal(_assembly, json.RootElement.GetProperty("assembly").GetString());
        }
        var hint = output.Split('\n').Single(l => l.StartsWith("replay with:", StringComparison.Ordinal))["replay with:".Length..].Trim();
        Assert.Equal($"mace replay {file} --assembly {_assembly}", hint);

        var (replayExit, trace, replayError) = RunCli("replay", file);
        Assert.True(replayExit == 0, $"exit {replayExit}: {replayError}");
        Assert.Contains("Campaign()", trace, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(file, ".trace.txt")), trace);
    }

    [Fact]
    public void BundledTest_RecordsNoAssembly()
    {
        var file = Path.Combine(_dir, "bundled.json");
        var (exit, output, _) = RunCli("check", "Election.VoteTwice", "-o", file, "--no-progress");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Assert.False(json.RootElement.TryGetProperty("assembly", out _));
        Assert.Contains($"replay with:    mace replay {file}\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordedAssemblyGone_IsAClearError()
    {
        var file = Path.Combine(_dir, "moved.json");
        Assert.Equal(1, RunCli("check", "Outside.TwoLeaders", "--assembly", _assembly, "-o", file, "--no-progress").ExitCode);
        var moved = File.ReadAllText(file).Replace(JsonEncodedText.Encode(_assembly).ToString(), "/nonexistent/Outside.dll", StringComparison.Ordinal);
        File.WriteAllText(file, moved);

        var (exit, output, error) = RunCli("replay", file);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("mace replay: error: test 'Outside.TwoLeaders' was found in assembly '/nonexistent/Outside.dll', which no longer exists", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TestCodeThrowsOutsideATransition_ClearErrorNamingTheTest_NoStackDump()
    {
        var (exit, _, error) = RunCli("check", "Outside.BrokenFactory", "--assembly", _assembly, "--no-progress");

        Assert.Equal(2, exit);
        Assert.Contains("mace check: error: test 'Outside.BrokenFactory' threw outside a transition (in its factory, driver or a property): InvalidOperationException: no configuration for node 1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CounterexampleFileUnwritable_ClearError()
    {
        var file = Path.Combine(_dir, "no-such-dir", "x.json");
        var (exit, _, error) = RunCli("check", "Outside.TwoLeaders", "--assembly", _assembly, "-o", file, "--no-progress");

        Assert.Equal(1, exit);
        Assert.Contains("mace check: error: cannot write the counterexample to '" + file + "'", error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) RunCli(params string[] arguments)
    {
        var mace = Path.Combine(AppContext.BaseDirectory, "mace.dll");
        Assert.True(File.Exists(mace), $"{mace} should be built beside the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(mace);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "mace did not finish");
        return (process.ExitCode, output.Result, error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
