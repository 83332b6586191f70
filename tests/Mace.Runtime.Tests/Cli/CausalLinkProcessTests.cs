using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    [Fact]
    public async Task PingPaths_ExportAsOneTracePerPath_EachSpanAChildOfTheEventThatSentIt()
    {
        var (_, _, firstLog, secondLog) = await RunPairAsync("Ping", "PeerResponded", []);
        var paths = new CausalHistory([.. firstLog, .. secondLog]).Paths("Ping.Monitor");
        var spans = new List<Activity>();
        using var source = new ActivitySource(PathSpans.SourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        Assert.Equal(paths.Sum(p => p.Events.Count), PathSpans.Export(paths, source));
        Assert.Equal(paths.Sum(p => p.Events.Count), spans.Count);
        var next = 0;
        foreach (var path in paths)
        {
            var mine = spans.GetRange(next, path.Events.Count);
            next += path.Events.Count;
            // One trace per path, rooted at its start event; every other span hangs off the span of the event whose message caused it.
            Assert.Single(mine.Select(a => a.TraceId).Distinct());
            Assert.Equal(default, mine[0].ParentSpanId);
            Assert.Equal("Ping.Monitor", mine[0].DisplayName);
            var byEvent = path.Events.Select((e, i) => (e.Event, Span: mine[i])).ToDictionary(x => x.Event, x => x.Span);
            foreach (var (e, _) in path.Events.Skip(1))
            {
                Assert.Equal(byEvent[e.Cause!].SpanId, byEvent[e].ParentSpanId);
                Assert.Equal(e.Node, byEvent[e].GetTagItem("mace.node"));
                Assert.Equal(e.Time, byEvent[e].StartTimeUtc);
            }
        }
        Assert.Contains(spans, a => a.DisplayName == "Ping.Deliver(PongMsg)" && a.Kind == ActivityKind.Consumer);
        Assert.NotEqual(spans.First(a => a.DisplayName == "Ping.Deliver(PongMsg)").GetTagItem("mace.node"),
            spans.First(a => a.DisplayName == "Ping.Deliver(PingMsg)").GetTagItem("mace.node"));
    }

    [Fact]
    public async Task PathsCommand_SendsEveryPathToAnOtlpCollector_AndFailsWhenNoneListens()
    {
        await RunPairAsync("Ping", "PeerResponded", []);
        var logs = new[] { Path.Combine(_folder, "first.macelog"), Path.Combine(_folder, "second.macelog") };
        var port = FreePort();
        var bodies = new List<(string Path, string? Type, byte[] Body)>();
        using (var collector = new HttpListener())
        {
            collector.Prefixes.Add($"http://127.0.0.1:{port}/");
            collector.Start();
            var serving = Task.Run(async () =>
            {
                while (true)
                {
                    HttpListenerContext request;
                    try
                    {
                        request = await collector.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    using var body = new MemoryStream();
                    await request.Request.InputStream.CopyToAsync(body);
                    lock (bodies) bodies.Add((request.Request.Url!.AbsolutePath, request.Request.ContentType, body.ToArray()));
                    request.Response.StatusCode = 200;
                    request.Response.ContentType = "application/x-protobuf";
                    request.Response.Close();
                }
            });
            using var send = MaceProcess.Start(["paths", .. logs, "--start", "Ping.Monitor", "--otlp", $"http://127.0.0.1:{port}", "--otlp-protocol", "http"]);
            Assert.True(await send.WaitForExitAsync() == 0, send.Output);
            Assert.Matches(@"sent \d+ paths as \d+ spans to http://127\.0\.0\.1:\d+/v1/traces over OTLP/http", send.Output);
            collector.Stop();
            await serving;
        }
        Assert.NotEmpty(bodies);
        Assert.All(bodies, b => Assert.Equal(("/v1/traces", "application/x-protobuf"), (b.Path, b.Type)));
        // OTLP protobuf carries strings as they are: the span names and the resource's service name.
        var text = Encoding.UTF8.GetString([.. bodies.SelectMany(b => b.Body)]);
        Assert.Contains("Ping.Monitor", text, StringComparison.Ordinal);
        Assert.Contains("Ping.Deliver(PongMsg)", text, StringComparison.Ordinal);
        Assert.Contains("mace-paths", text, StringComparison.Ordinal);

        using var refused = MaceProcess.Start(["paths", .. logs, "--start", "Ping.Monitor", "--otlp", $"http://127.0.0.1:{port}", "--otlp-protocol", "http"]);
        Assert.Equal(1, await refused.WaitForExitAsync());
        Assert.Contains("did not take the spans over OTLP/http", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private Task<(NodeAddress First, NodeAddress Second, List<TraceLogRecord> FirstLog, List<TraceLogRecord> SecondLog)> RunPairAsync(
        string application, string secondReady, string[] extra) => TracedPair.RunAsync(_folder, application, secondReady, extra);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
