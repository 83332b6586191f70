using Mace.Runtime.Tests.Transports;

namespace Mace.Runtime.Tests.Cli;

/// <summary>
/// `mace run Ping` as real processes: two processes ping each other; a node in this process pings one
/// of them; killing that process is reported (Error, then PeerFailed) by the others; SIGTERM stops cleanly.
/// </summary>
public class ProcessPingTests
{
    [Fact]
    public async Task TwoProcesses_Ping_ThenKilledPeerIsReportedFailed()
    {
        using var first = MaceProcess.Start("run", "Ping", "--port", "0", "--seed", "1");
        var firstAddress = await first.ListeningAddressAsync();
        Assert.Equal(NodeAddressKind.IPv4, firstAddress.Kind);

        await using var local = await PingNode.StartAsync();
        await local.MonitorAsync(firstAddress);
        await local.RespondedFrom(firstAddress);

        using var second = MaceProcess.Start("run", "Ping", "--port", "0", "--seed", "2", "--bootstrap", firstAddress.ToString());
        var secondAddress = await second.ListeningAddressAsync();
        await second.WaitForLineAsync($"PeerResponded {firstAddress}");
        await local.MonitorAsync(secondAddress);
        await local.RespondedFrom(secondAddress);

        first.Kill();

        await local.FailedFrom(firstAddress); // the closed connection's Error upcall, not the 5 s sweep
        await second.WaitForLineAsync($"PeerFailed {firstAddress}");
        Assert.False(local.HasFailed(secondAddress));

        Assert.Equal(0, await second.TerminateAsync());
        await second.WaitForLineAsync($"stopped {secondAddress}");
        await local.FailedFrom(secondAddress);
    }

    [Theory]
    [InlineData("unknown service 'Nope'; known services: Ping", "run", "Nope")]
    [InlineData("--bootstrap 'nowhere' is not a peer address", "run", "Ping", "--bootstrap", "nowhere")]
    [InlineData("--bind '1.2.3' is not an IPv4 address", "run", "Ping", "--bind", "1.2.3")]
    [InlineData("Ping has no parameter 'Speed' (known: MaxPeers)", "run", "Ping", "--param", "Speed=3")]
    public async Task BadArgument_ExitsTwo_NamingTheText(string message, params string[] arguments)
    {
        using var process = MaceProcess.Start(arguments);
        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains(message, process.Output, StringComparison.Ordinal);
    }
}
