using Mace.Runtime.Tracing;

namespace Mace.Runtime.Tests.Cli;

/// <summary>Two `mace run APPLICATION --trace-log` processes over TCP, the second bootstrapped from the first; their logs after SIGTERM.</summary>
internal static class TracedPair
{
    /// <summary>
    /// Runs the pair until the second prints <paramref name="secondReady"/> (which implies the first
    /// has handled its messages), stops both with SIGTERM (which flushes the logs) and reads
    /// <c>first.macelog</c> and <c>second.macelog</c> in <paramref name="folder"/>.
    /// </summary>
    public static async Task<(NodeAddress First, NodeAddress Second, List<TraceLogRecord> FirstLog, List<TraceLogRecord> SecondLog)> RunAsync(
        string folder, string application, string secondReady, string[] extra)
    {
        var firstFile = Path.Combine(folder, "first.macelog");
        var secondFile = Path.Combine(folder, "second.macelog");
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
}
