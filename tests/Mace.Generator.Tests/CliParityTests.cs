using System.Diagnostics;

namespace Mace.Generator.Tests;

public class CliParityTests
{
    [Fact]
    public async Task CompileCommand_Output_IsByteIdenticalToGeneratorOutput()
    {
        var dir = Directory.CreateTempSubdirectory("mace-cli-parity-");
        try
        {
            var path = Path.Combine(dir.FullName, "Ping.mace");
            await File.WriteAllTextAsync(path, Inputs.Read("Ping.mace"));

            var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText(path, Inputs.Read("Ping.mace"))], rootNamespace: "Mace.Generated");
            // a project that uses the library references Mace.Services, as `mace compile` assumes
            var library = Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "Mace.Services.dll"));
            driver = driver.RunGenerators(GeneratorHarness.NewCompilation().AddReferences(library));
            var generated = Assert.Single(driver.GetRunResult().GeneratedTrees).GetText().ToString();

            var (exitCode, stdout, stderr) = await Compile(path, "--namespace", "Mace.Generated");

            Assert.True(exitCode == 0, stderr);
            Assert.Equal(generated, stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CompileCommand_SyntaxError_PrintsFileLineColAndExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("mace-cli-error-");
        try
        {
            var path = Path.Combine(dir.FullName, "Broken.mace");
            await File.WriteAllTextAsync(path, "service Broken;\nstates { A; \n");
            var (exitCode, _, stderr) = await Compile(path);

            Assert.Equal(1, exitCode);
            Assert.Matches(@"Broken\.mace\(\d+,\d+\): error MACE1\d{3}: ", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // The library's serviceclasses (here Mace.Services' OverlayRouter) come from attributes whose
    // strings Roslyn decodes only with the core library referenced; without it every one vanished.
    [Fact]
    public async Task CompileCommand_KnowsTheLibrarysServiceClasses()
    {
        var dir = Directory.CreateTempSubdirectory("mace-cli-library-");
        try
        {
            var path = Path.Combine(dir.FullName, "MyOverlay.mace");
            await File.WriteAllTextAsync(path, """
                namespace My;
                using System.Collections.Generic;
                service MyOverlay : OverlayRouter;
                transitions {
                    downcall JoinOverlay(List<NodeAddress> bootstrap) { Upcall.JoinResult(true); }
                    downcall LeaveOverlay() { }
                    downcall LocalKey() { return Key.FromAddress(LocalAddress); }
                    downcall IsJoined() { return true; }
                    downcall NextHop(Key dest) { return LocalAddress; }
                    downcall IdSpace() { return KeyRange.Full; }
                    downcall ReplicaSet(int count) { return new List<NodeAddress>(); }
                }
                """);
            var (exitCode, stdout, stderr) = await Compile(path);

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("class MyOverlay", stdout);
            Assert.Contains("IOverlayRouter", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>mace compile PATH ARGS</c> from the test's output directory.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> Compile(string path, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "mace.dll"), "compile", path, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
