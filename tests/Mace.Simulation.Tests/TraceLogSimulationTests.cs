using Mace.Experiments;
using Mace.Runtime.Tracing;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary><c>mace sim --trace-log</c> and <c>mace log</c>: every node's events in one log, without changing the run.</summary>
public sealed class TraceLogSimulationTests
{
    private static SimulationOptions Options => new() { Nodes = 12, Seed = 5, Duration = TimeSpan.FromSeconds(15) };

    [Fact]
    public void TracingARun_DoesNotChangeIt_AndLogsEveryNodesEvents()
    {
        var plain = new SimulationRun(new PingScenario(), Options).Run();
        using var log = new MemoryStream();
        SimulationResult traced;
        using (var writer = new TraceLogWriter(log))
        {
            traced = new SimulationRun(new PingScenario(), Options with { TraceSink = writer }).Run();
        }
        Assert.Equal(plain.Digest, traced.Digest);
        log.Position = 0;
        using var reader = TraceLogReader.Open(log, "memory");
        var records = reader.Records().ToList();
        Assert.False(reader.Truncated);
        Assert.Equal(12, records.Select(r => r.Node).Distinct().Count());
        // Ping declares trace = med: message deliveries carry their contents, states are not recorded.
        Assert.Contains(records, r => r.Event == "Deliver(PongMsg)" && r.Details is { } d && d.Contains("src=sim:", StringComparison.Ordinal));
        Assert.All(records, r => Assert.Null(r.State));
        // Simulated time never goes back within one simulation.
        Assert.True(records.Zip(records.Skip(1)).All(p => p.First.Time <= p.Second.Time));
    }

    [Fact]
    public void TraceLevelOverride_High_RecordsEachServicesState_Off_RecordsNothing()
    {
        using var high = new MemoryStream();
        using (var writer = new TraceLogWriter(high))
        {
            new SimulationRun(new PingScenario(), Options with { TraceSink = writer, TraceLevel = TraceLevel.High }).Run();
        }
        high.Position = 0;
        using var highReader = TraceLogReader.Open(high, "high");
        Assert.Contains(highReader.Records(), r => r.State is { } s && s.StartsWith("Ping state=", StringComparison.Ordinal));

        using var off = new MemoryStream();
        using (var writer = new TraceLogWriter(off))
        {
            new SimulationRun(new PingScenario(), Options with { TraceSink = writer, TraceLevel = TraceLevel.Off }).Run();
            Assert.Equal(0, writer.Records);
        }
    }

    [Fact]
    public void SimWithTraceLog_ThenLogStatsAndShow_ReadIt()
    {
        var folder = DeterminismTests.TempDir();
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, "ping.macelog");
        var (exit, output, error) = DeterminismTests.RunCli($"sim ping --nodes 8 --duration 10s --no-progress --no-plot --out {folder} --trace-log {log}");
        Assert.True(exit == 0, error);
        Assert.Contains("trace log: " + log, output, StringComparison.Ordinal);

        var csv = Path.Combine(folder, "stats.csv");
        (exit, output, error) = DeterminismTests.RunCli($"log stats {log} --csv {csv}");
        Assert.True(exit == 0, error);
        Assert.Contains("on 8 nodes", output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("service,event,events,nodes,first_s,last_s", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("Ping,MaceInit,8,8,", StringComparison.Ordinal));

        (exit, output, error) = DeterminismTests.RunCli($"log show {log} --node sim:3 --event Deliver --limit 4");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\s+\d+\.\d{6}  sim:3\s+Ping\.Deliver\(P[io]ngMsg\)  src=", l));
        Assert.Contains("4 of ", error, StringComparison.Ordinal);
    }
}
