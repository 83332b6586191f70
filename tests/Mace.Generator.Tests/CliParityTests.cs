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

            var mace = Path.Combine(AppContext.BaseDirectory, "mace.dll");
            var start = new ProcessStartInfo("dotnet", ["exec", mace, "compile", path, "--namespace", "Mace.Generated"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, await stderr);
            Assert.Equal(generated, await stdout);
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
            var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "mace.dll"), "compile", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(1, process.ExitCode);
            Assert.Matches(@"Broken\.mace\(\d+,\d+\): error MACE1\d{3}: ", await stderr);
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
            var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "mace.dll"), "compile", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, await stderr);
            Assert.Contains("class MyOverlay", await stdout);
            Assert.Contains("IOverlayRouter", await stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
