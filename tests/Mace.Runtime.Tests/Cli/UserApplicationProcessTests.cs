using Mace.TestServices;

namespace Mace.Runtime.Tests.Cli;

/// <summary>
/// `mace run --assembly USER.dll APP`: a service from an assembly mace was not built with (Beacon, in
/// Mace.TestServices) runs as real processes that hear each other; bad assemblies exit 2 with a message.
/// </summary>
public class UserApplicationProcessTests
{
    private static string UserAssembly => typeof(BeaconNodeApplication).Assembly.Location;

    [Fact]
    public async Task UserApplication_TwoProcesses_HearEachOther()
    {
        using var first = MaceProcess.Start("run", "--assembly", UserAssembly, "beacon", "--port", "0", "--param", "PeriodMs=100");
        var firstAddress = await first.ListeningAddressAsync();
        using var second = MaceProcess.Start("run", "--assembly", UserAssembly, "Beacon", "--port", "0", "--bootstrap", firstAddress.ToString());
        var secondAddress = await second.ListeningAddressAsync();

        // The second knows the first from --bootstrap; the first learns the second from its Hello.
        await first.WaitForLineAsync($"PeerHeard {secondAddress}");
        await second.WaitForLineAsync($"PeerHeard {firstAddress}");
        Assert.Equal(0, await first.TerminateAsync());
        Assert.Equal(0, await second.TerminateAsync());
    }

    [Fact]
    public async Task UserApplication_IsListedInTheUnknownApplicationError()
    {
        using var process = MaceProcess.Start("run", "--assembly", UserAssembly, "Nope");
        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains("unknown application 'Nope'; known: Ping, ProbeDetector, Dht, Beacon", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAssembly_ExitsTwo_NamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mace-no-such-" + Path.GetRandomFileName() + ".dll");
        using var process = MaceProcess.Start("run", "--assembly", missing, "Beacon");
        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains($"--assembly: assembly '{missing}' not found", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotADotNetAssembly_ExitsTwo_SayingSo()
    {
        var garbage = Path.Combine(Path.GetTempPath(), "mace-garbage-" + Path.GetRandomFileName() + ".dll");
        await File.WriteAllTextAsync(garbage, "this is not a portable executable");
        try
        {
            using var process = MaceProcess.Start("run", "--assembly", garbage, "Beacon");
            Assert.Equal(2, await process.WaitForExitAsync());
            Assert.Contains($"'{garbage}' is not a .NET assembly", process.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(garbage);
        }
    }

    [Fact]
    public async Task AssemblyWithoutApplications_ExitsTwo_SayingWhatIsMissing()
    {
        // The runtime declares services but no NodeApplication.
        var runtime = typeof(Node).Assembly.Location;
        using var process = MaceProcess.Start("run", "--assembly", runtime, "Beacon");
        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains("declares no public NodeApplication subclass", process.Output, StringComparison.Ordinal);
    }
}
