using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mace.Packaging.Tests;

/// <summary>
/// The user's path, end to end: every <c>bash</c> block of docs/getting-started.md runs as one
/// script in a scratch folder beside a link named <c>mace</c> to this checkout: pack every package,
/// install the template, create a solution, pass its tests, install the tool, run two hosted nodes
/// over TCP and stop them with SIGTERM, simulate with churn, model check. Then the packages'
/// metadata is checked.
/// </summary>
public sealed partial class GettingStartedTests
{
    private static readonly string[] s_packages =
        ["Mace", "Mace.Runtime", "Mace.Generator", "Mace.Services", "Mace.Hosting", "Mace.Simulation", "Mace.Checking", "Mace.Cli", "Mace.Templates"];

    [Fact]
    public async Task GettingStarted_EveryDocumentedCommandWorks()
    {
        var root = RepositoryRoot();
        var script = Script(await File.ReadAllTextAsync(Path.Combine(root, "docs", "getting-started.md")));
        Assert.Contains("dotnet new mace-service", script, StringComparison.Ordinal);

        var scratch = Directory.CreateTempSubdirectory("mace-getting-started-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(scratch, "mace"), root);
            await File.WriteAllTextAsync(Path.Combine(scratch, "getting-started.sh"), script);
            var suffix = "ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            var (exit, output) = await RunAsync(scratch, suffix);
            Assert.True(exit == 0, $"the getting-started commands failed (exit {exit}):\n{output}");

            // What the commands printed: the generated tests passed, the nodes joined and stopped, the sim and the checker ran.
            Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+3,", output);
            Assert.Contains("Joined 127.0.0.1:5000 members=2", output, StringComparison.Ordinal);
            Assert.Contains("stopped 127.0.0.1:5000", output, StringComparison.Ordinal);
            Assert.Matches(@"digest: [0-9a-f]{16}", output);
            Assert.Contains("membership.members", output, StringComparison.Ordinal);
            Assert.Contains("timeline.png", output, StringComparison.Ordinal);
            Assert.Matches(@"Membership\s+3 nodes", output);
            Assert.Contains("unique states", output, StringComparison.Ordinal);

            var packages = Path.Combine(root, "artifacts", "packages");
            foreach (var id in s_packages)
            {
                var file = Path.Combine(packages, $"{id}.0.2.0-{suffix}.nupkg");
                Assert.True(File.Exists(file), $"{file} was not packed");
                var nuspec = Nuspec(file, id);
                Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
                Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
                Assert.Matches("<description>.{40,}</description>", nuspec);
                Assert.Matches("<repository type=\"git\" commit=\"[0-9a-f]{40}\"", nuspec);
            }
            Assert.Contains("<dependency id=\"Mace.Generator\" version=\"0.2.0-" + suffix + "\" include=\"All\" />", Nuspec(Path.Combine(packages, $"Mace.0.2.0-{suffix}.nupkg"), "Mace"), StringComparison.Ordinal);
            Assert.Contains("<packageType name=\"DotnetTool\" />", Nuspec(Path.Combine(packages, $"Mace.Cli.0.2.0-{suffix}.nupkg"), "Mace.Cli"), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(packages, $"Mace.Runtime.0.2.0-{suffix}.snupkg")), "no symbols package for Mace.Runtime");
        }
        finally
        {
            // Stray nodes from a failed run must not outlive the test.
            using (var kill = Process.Start("pkill", ["-TERM", "-f", "MyService.Host.dll"])) await kill.WaitForExitAsync();
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Every ```bash block, in order, as one script that stops at the first failing command.</summary>
    internal static string Script(string markdown)
    {
        var script = new StringBuilder("set -euo pipefail\n");
        foreach (Match block in BashBlock().Matches(markdown)) script.Append("echo '+ block'\n").Append(block.Groups[1].Value);
        return script.ToString();
    }

    private static async Task<(int Exit, string Output)> RunAsync(string directory, string versionSuffix)
    {
        var info = new ProcessStartInfo("bash", ["getting-started.sh"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["MACE_VERSION_SUFFIX"] = versionSuffix;
        // A home of its own, so the template is installed in a hive this test throws away, while
        // packages come from (and go to) the usual cache.
        info.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        info.Environment["DOTNET_CLI_HOME"] = Path.Combine(directory, "home");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        await Task.WhenAll(stdout, stderr);
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output) output.Append(line).Append('\n');
        }
    }

    private static string Nuspec(string package, string id)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry(id + ".nuspec")!.Open());
        return reader.ReadToEnd();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mace.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException("no Mace.slnx above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```bash\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
