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

    [Fact]
    public async Task ProbeDetector_TwoProcessesOverUdp_KilledPeerSuspected_RestartedPeerRecovered()
    {
        string[] timing = ["--param", "ProbePeriodMs=200", "--param", "TimeoutMs=1500"];
        using var first = MaceProcess.Start(["run", "ProbeDetector", "--port", "0", "--seed", "1", .. timing]);
        var firstAddress = await first.ListeningAddressAsync();
        using var second = MaceProcess.Start(["run", "ProbeDetector", "--port", "0", "--seed", "2", "--bootstrap", firstAddress.ToString(), .. timing]);
        await second.ListeningAddressAsync();

        first.Kill();
        await second.WaitForLineAsync($"PeerSuspected {firstAddress}");

        // A new process on the same UDP port answers the probes: the suspicion ends (an ack arrived).
        using var third = MaceProcess.Start(["run", "ProbeDetector", "--port", firstAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "3", .. timing]);
        Assert.Equal(firstAddress.Port, (await third.ListeningAddressAsync()).Port);
        await second.WaitForLineAsync($"PeerRecovered {firstAddress}");
        Assert.Equal(1, CountOccurrences(second.Output, "PeerSuspected"));
        Assert.Equal(0, await second.TerminateAsync());
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Theory]
    [InlineData("unknown application 'Nope'; known: Ping, ProbeDetector, Dht", "run", "Nope")]
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
