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
        Assert.Equal("service,event,events,nodes,first_s,last_s,ran_mean_ms,ran_max_ms", rows[0]);
        // Simulated events take no virtual time: each ran 0 ms.
        Assert.Contains(rows, r => r.StartsWith("Ping,MaceInit,8,8,", StringComparison.Ordinal) && r.EndsWith(",0.000,0.000", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Ping,MaceInit,8,8,", StringComparison.Ordinal));

        (exit, output, error) = DeterminismTests.RunCli($"log show {log} --node sim:3 --event Deliver --limit 4");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\s+\d+\.\d{6}  sim:3\s+Ping\.Deliver\(P[io]ngMsg\)  src=", l));
        Assert.Contains("4 of ", error, StringComparison.Ordinal);
    }
}

/// <summary>Causal links in simulated logs: every delivery names the event that sent it; paths and ShiViz follow them.</summary>
public sealed class CausalLinkSimulationTests
{
    private static List<TraceLogRecord> PingLog()
    {
        using var log = new MemoryStream();
        using (var writer = new TraceLogWriter(log))
        {
            new SimulationRun(new PingScenario(), new SimulationOptions { Nodes = 6, Seed = 3, Duration = TimeSpan.FromSeconds(10) } with { TraceSink = writer }).Run();
        }
        log.Position = 0;
        using var reader = TraceLogReader.Open(log, "memory");
        return reader.Records().ToList();
    }

    [Fact]
    public void EveryPong_IsCausedByThePingDeliveryOnItsSender()
    {
        var records = PingLog();
        var byEvent = records.GroupBy(r => (r.Node, r.EventId)).ToDictionary(g => g.Key, g => g.ToList());
        var pongs = records.Where(r => r.Event == "Deliver(PongMsg)").ToList();
        Assert.NotEmpty(pongs);
        foreach (var pong in pongs)
        {
            Assert.NotNull(pong.CauseNode);
            Assert.NotEqual(pong.Node, pong.CauseNode);
            var cause = byEvent[(pong.CauseNode!, pong.CauseEvent)];
            Assert.Contains(cause, r => r.Event == "Deliver(PingMsg)" && r.Details!.Contains($"src={pong.Node}", StringComparison.Ordinal));
            Assert.True(cause[0].Time < pong.Time);
        }
        // Timers and lifecycle calls have no remote cause.
        Assert.All(records.Where(r => r.Event is "Sweep" or "MaceInit"), r => Assert.Null(r.CauseNode));
    }

    [Fact]
    public void PathsFromEachSweep_FollowPingAndPong_AndShiVizClocksRespectEveryMessage()
    {
        var history = new CausalHistory(PingLog());
        var paths = history.Paths("Ping.Sweep");
        Assert.NotEmpty(paths);
        // A sweep pings peers: a path is the sweep, the pings it sent and the pongs they caused.
        Assert.Contains(paths, p => p.Hops == 2 && p.Nodes >= 2 && p.Events.Any(e => e.Event.Name == "Ping.Deliver(PongMsg)"));
        Assert.All(paths, p => Assert.All(p.Events, e => Assert.True(e.Event.Time >= p.Start.Time)));

        var shiviz = new StringWriter();
        history.WriteShiViz(shiviz);
        var lines = shiviz.ToString().Split('\n');
        Assert.Equal(@"(?<host>\S*) (?<clock>{.*})\n(?<event>.*)", lines[0]);
        Assert.Equal("", lines[1]);
        // Each delivery's clock has counted the sender's send event: its entry for the sender is at least 1.
        var clocks = new List<(string Host, Dictionary<string, long> Clock, string Event)>();
        for (var i = 2; i + 1 < lines.Length; i += 2)
        {
            var space = lines[i].IndexOf(' ', StringComparison.Ordinal);
            var clock = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(lines[i][(space + 1)..])!;
            clocks.Add((lines[i][..space], clock, lines[i + 1]));
        }
        Assert.Equal(history.Events.Count, clocks.Count);
        var pong = clocks.First(c => c.Event.StartsWith("Ping.Deliver(PongMsg)", StringComparison.Ordinal));
        Assert.True(pong.Clock.Count >= 2, "a pong's clock knows the node that answered");
        // Own entries count up by one per event on each host.
        foreach (var host in clocks.GroupBy(c => c.Host))
        {
            Assert.Equal(Enumerable.Range(1, host.Count()).Select(i => (long)i), host.Select(c => c.Clock[host.Key]));
        }
    }

    [Fact]
    public void Expectations_PassWhenMet_AndNameEveryPathThatBreaksOne()
    {
        var history = new CausalHistory(PingLog());
        var met = PathExpectations.Parse("path Ping.Sweep\n  max-hops 2\n  max-latency 5s\n", "met.txt");
        Assert.Empty(PathExpectations.Check(history, met).Violations);

        var broken = PathExpectations.Parse("# too strict\npath Ping.Sweep\n  max-hops 1   # a pong is two messages away\n  at-least 9 Ping.Deliver(PongMsg)\n", "broken.txt");
        var (violations, checkedCounts) = PathExpectations.Check(history, broken);
        var sweeps = history.Paths("Ping.Sweep");
        Assert.Equal(sweeps.Count, checkedCounts[broken[0]]);
        var hops = violations.Where(v => v.Rule.Line == 3).ToList();
        Assert.Equal(sweeps.Count(p => p.Hops > 1), hops.Count);
        Assert.All(hops, v => Assert.Equal($"{v.Path.Hops} hops", v.Actual));
        Assert.Contains(violations, v => v.Rule.Line == 4 && v.Actual.EndsWith(" of Ping.Deliver(PongMsg)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("max-hops 3\n", "bad.txt(1): 'max-hops' before any 'path Service.Event' line")]
    [InlineData("path Dht.Get\n  max-hops three\n", "bad.txt(2): 'three' is not a whole number")]
    [InlineData("path Dht.Get\n\n  max-latency soon\n", "bad.txt(3): 'soon' is not a duration")]
    [InlineData("path Dht.Get\n  visits 3\n", "bad.txt(2): unknown rule 'visits 3'")]
    [InlineData("# nothing\n", "bad.txt: no 'path Service.Event' block")]
    public void MalformedExpectations_NameTheLineAndTheCause(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<PathExpectationsException>(() => PathExpectations.Parse(text, "bad.txt")).Message, StringComparison.Ordinal);

    [Fact]
    public void DeclaredDhtPaths_AreListedByKind_WithTheirTraceIds()
    {
        var folder = DeterminismTests.TempDir();
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, "dht.macelog");
        var (exit, _, error) = DeterminismTests.RunCli($"sim dht-churn --nodes 30 --duration 40s --no-progress --no-plot --out {folder} --trace-log {log}");
        Assert.True(exit == 0, error);
        var csv = Path.Combine(folder, "declared.csv");
        (exit, var output, error) = DeterminismTests.RunCli($"paths {log} --show 1 --csv {csv}");
        Assert.True(exit == 0, error);
        Assert.Contains("paths from Dht.Put", output, StringComparison.Ordinal);
        Assert.Contains("paths from Dht.Get", output, StringComparison.Ordinal);
        Assert.Matches(@"path 1: \d+ events, \d+ hops, \d+ nodes, [\d.]+ ms  Dht\.(Put|Get) trace [0-9a-f]{32}", output);
        var rows = File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Contains(rows, r => r[6] == "Dht.Get");
        // One trace id per path, each 32 hex digits.
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{32}$", r[7]));
        Assert.Equal(rows.Count, rows.Select(r => r[7]).Distinct().Count());
        // The run is deterministic, trace ids included: the same run writes the same paths.
        var again = Path.Combine(folder, "again.macelog");
        Assert.Equal(0, DeterminismTests.RunCli($"sim dht-churn --nodes 30 --duration 40s --no-progress --no-plot --out {folder} --trace-log {again}").ExitCode);
        Assert.Equal(File.ReadAllBytes(log), File.ReadAllBytes(again));
    }

    [Fact]
    public void PathsAndExportCommands_ReadASimulatedLog()
    {
        var folder = DeterminismTests.TempDir();
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, "ping.macelog");
        var (exit, _, error) = DeterminismTests.RunCli($"sim ping --nodes 6 --duration 10s --no-progress --no-plot --out {folder} --trace-log {log}");
        Assert.True(exit == 0, error);
        var csv = Path.Combine(folder, "paths.csv");
        (exit, var output, error) = DeterminismTests.RunCli($"paths {log} --start Ping.Sweep --show 1 --csv {csv}");
        Assert.True(exit == 0, error);
        Assert.Contains("path 1:", output, StringComparison.Ordinal);
        Assert.Contains("latency p99", output, StringComparison.Ordinal);
        Assert.Equal("start_s,node,events,hops,nodes,latency_ms,kind,path_id,busy_ms", File.ReadLines(csv).First());

        // Ping declares no path: without --start there is nothing to list, and the error says what to do.
        (exit, _, error) = DeterminismTests.RunCli($"paths {log}");
        Assert.Equal(2, exit);
        Assert.Contains("no declared paths (no transition marked [path=start] ran)", error, StringComparison.Ordinal);

        (exit, _, error) = DeterminismTests.RunCli($"paths {log} --start Nope.Never");
        Assert.Equal(2, exit);
        Assert.Contains("no event Nope.Never in the logs", error, StringComparison.Ordinal);

        var expectations = Path.Combine(folder, "expect.txt");
        File.WriteAllText(expectations, "path Ping.Sweep\n  max-hops 1\n");
        (exit, output, _) = DeterminismTests.RunCli($"paths {log} --expect {expectations}");
        Assert.Equal(1, exit);
        Assert.Contains("'max-hops 1' (line 2): 2 hops", output, StringComparison.Ordinal);
        File.WriteAllText(expectations, "path Ping.Sweep\n  max-hops 2\n");
        (exit, output, _) = DeterminismTests.RunCli($"paths {log} --expect {expectations}");
        Assert.Equal(0, exit);
        Assert.Contains("every path meets its expectations", output, StringComparison.Ordinal);

        var shiviz = Path.Combine(folder, "ping.shiviz");
        (exit, output, error) = DeterminismTests.RunCli($"log export {log} --format shiviz --out {shiviz}");
        Assert.True(exit == 0, error);
        Assert.StartsWith("(?<host>", File.ReadLines(shiviz).First(), StringComparison.Ordinal);
    }
}
