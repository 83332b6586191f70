using Mace.Runtime.Tracing;

namespace Mace.Runtime.Tests.Cli;

/// <summary>
/// Causal links between real processes: two `mace run Ping --trace-log` nodes over TCP;
/// each frame's trace context carries the sending event, so a delivery's record names an event
/// that is in the other process's log.
/// </summary>
public sealed class CausalLinkProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mace-causal-").FullName;

    [Fact]
    public async Task PingOverTcp_EachPongNamesThePingDeliveryInTheOtherProcess()
    {
        var (first, second, firstLog, secondLog) = await RunPairAsync("Ping", "PeerResponded", []);
        var firstEvents = firstLog.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => g.ToList());
        var pongs = secondLog.Where(r => r.Event == "Deliver(PongMsg)").ToList();
        Assert.NotEmpty(pongs);
        Assert.All(pongs, pong =>
        {
            Assert.Equal(first.ToString(), pong.CauseNode);
            Assert.Contains(firstEvents[pong.CauseEvent], r => r.Event == "Deliver(PingMsg)" && r.Details!.Contains($"src={second}", StringComparison.Ordinal));
        });
        var history = new CausalHistory([.. firstLog, .. secondLog]);
        // The second node pings the first when told to monitor it; the path runs there and back.
        Assert.Contains(history.Paths("Ping.Monitor"), p => p.Nodes == 2 && p.Hops == 2);
    }

    // The second node's readiness line implies the first has handled its messages; SIGTERM flushes both logs.
    private async Task<(NodeAddress First, NodeAddress Second, List<TraceLogRecord> FirstLog, List<TraceLogRecord> SecondLog)> RunPairAsync(
        string application, string secondReady, string[] extra)
    {
        var firstFile = Path.Combine(_folder, "first.macelog");
        var secondFile = Path.Combine(_folder, "second.macelog");
        using var first = MaceProcess.Start(["run", application, "--port", "0", "--seed", "1", "--trace-log", firstFile, .. extra]);
        var firstAddress = await first.ListeningAddressAsync();
        using var second = MaceProcess.Start(["run", application, "--port", "0", "--seed", "2", "--bootstrap", firstAddress.ToString(), "--trace-log", secondFile, .. extra]);
        var secondAddress = await second.ListeningAddressAsync();
        await second.WaitForLineAsync(secondReady);
        Assert.Equal(0, await second.TerminateAsync());
        Assert.Equal(0, await first.TerminateAsync());
        var (firstLog, firstCut) = TraceLogReader.ReadAll(firstFile);
        var (secondLog, secondCut) = TraceLogReader.ReadAll(secondFile);
        Assert.False(firstCut || secondCut, "a node stopped with SIGTERM leaves a whole log");
        return (firstAddress, secondAddress, firstLog, secondLog);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
