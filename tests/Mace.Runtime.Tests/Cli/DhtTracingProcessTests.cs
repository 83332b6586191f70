using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Tests.MultiHost;
using Mace.Runtime.Tracing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Mace.Runtime.Tests.Cli;

/// <summary>
/// Five `mace run Dht` processes over TCP on 127.0.0.1, each writing its own trace log: every Get
/// becomes a causal path across processes, and through the OpenTelemetry SDK (its in-memory
/// exporter) one trace whose parent/child structure is the path's.
/// </summary>
public sealed class DhtTracingProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("mace-dht-trace-").FullName;

    [Fact]
    public async Task FiveNodes_EveryGetIsOneTrace_WhoseSpansHangOffTheEventsThatSentTheirMessages()
    {
        var nodes = new List<MaceProcess>();
        var clients = new List<DhtLineClient>();
        var logs = Enumerable.Range(1, 5).Select(i => Path.Combine(_folder, $"node{i}.macelog")).ToArray();
        try
        {
            NodeAddress? first = null;
            for (var i = 0; i < 5; i++)
            {
                var clientPort = FreePort();
                List<string> arguments =
                [
                    "run", "Dht", "--port", "0", "--seed", $"{i + 1}", "--param", $"Client=127.0.0.1:{clientPort}", "--param", "Replicas=3",
                    "--trace-log", logs[i], "--trace-level", "Med",
                ];
                if (first is { } bootstrap) arguments.AddRange(["--bootstrap", bootstrap.ToString()]);
                var node = MaceProcess.Start([.. arguments]);
                nodes.Add(node);
                var address = await node.ListeningAddressAsync();
                first ??= address;
                clients.Add(await DhtLineClient.ConnectAsync("127.0.0.1", clientPort, Patience));
            }
            foreach (var node in nodes) await node.WaitForLineAsync("JoinResult True", Patience);
            for (var i = 0; i < 10; i++) await Until(clients[i % 5], $"put key-{i} value-{i}", $"ok key-{i}");
            for (var i = 0; i < 10; i++) await Until(clients[(i + 2) % 5], $"get key-{i}", $"found key-{i} value-{i}");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
            foreach (var node in nodes)
            {
                await node.TerminateAsync();
                node.Dispose();
            }
        }

        var records = logs.SelectMany(l => TraceLogReader.ReadAll(l).Records).ToList();
        var paths = new CausalHistory(records).Paths("Dht.Get");
        Assert.True(paths.Count >= 10, $"{paths.Count} paths from Dht.Get");
        Assert.Contains(paths, p => p.Nodes >= 2);

        var exported = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder().AddSource(PathSpans.SourceName).AddInMemoryExporter(exported).Build())
        {
            using var source = new ActivitySource(PathSpans.SourceName);
            Assert.Equal(paths.Sum(p => p.Events.Count), PathSpans.Export(paths, source, "Dht.Get"));
            Assert.True(provider.ForceFlush());
        }
        Assert.Equal(paths.Sum(p => p.Events.Count), exported.Count);
        var traces = exported.GroupBy(a => a.TraceId).ToList();
        Assert.Equal(paths.Count, traces.Count);
        foreach (var (path, trace) in paths.Zip(traces))
        {
            var spans = trace.ToList();
            var root = Assert.Single(spans, a => a.ParentSpanId == default);
            Assert.Equal("Dht.Get", root.DisplayName);
            Assert.Equal(path.Start.Node, root.GetTagItem("mace.node"));
            // Each span's parent is the span of the event (on whatever process) that sent its message.
            var byEvent = spans.ToDictionary(a => ((string)a.GetTagItem("mace.node")!, (long)a.GetTagItem("mace.event_id")!));
            foreach (var (e, _) in path.Events.Where(x => x.Event != path.Start))
            {
                var span = byEvent[(e.Node, e.Id)];
                Assert.Equal(byEvent[(e.Cause!.Node, e.Cause.Id)].SpanId, span.ParentSpanId);
            }
        }
        // Some lookup was routed through another process and its answer came back: spans from at least two nodes in one trace.
        Assert.Contains(traces, t => t.Select(a => a.GetTagItem("mace.node")).Distinct().Count() >= 2);
    }

    [Fact]
    public async Task FiveNodes_SendLiveSpans_WhoseParentsCrossProcesses_AsTheirLogsRecord()
    {
        var port = FreePort();
        var received = new List<OtlpSpan>();
        var logs = Enumerable.Range(1, 5).Select(i => Path.Combine(_folder, $"live{i}.macelog")).ToArray();
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
                    var spans = OtlpSpans.Read(body.ToArray());
                    lock (received) received.AddRange(spans);
                    request.Response.StatusCode = 200;
                    request.Response.ContentType = "application/x-protobuf";
                    request.Response.Close();
                }
            });
            var nodes = new List<MaceProcess>();
            var clients = new List<DhtLineClient>();
            try
            {
                NodeAddress? first = null;
                for (var i = 0; i < 5; i++)
                {
                    var clientPort = FreePort();
                    List<string> arguments =
                    [
                        "run", "Dht", "--port", "0", "--seed", $"{i + 1}", "--param", $"Client=127.0.0.1:{clientPort}",
                        "--trace-log", logs[i], "--trace-level", "Low", "--otlp", $"http://127.0.0.1:{port}", "--otlp-protocol", "http",
                    ];
                    if (first is { } bootstrap) arguments.AddRange(["--bootstrap", bootstrap.ToString()]);
                    var node = MaceProcess.Start([.. arguments]);
                    nodes.Add(node);
                    var address = await node.ListeningAddressAsync();
                    first ??= address;
                    clients.Add(await DhtLineClient.ConnectAsync("127.0.0.1", clientPort, Patience));
                }
                foreach (var node in nodes) await node.WaitForLineAsync("JoinResult True", Patience);
                for (var i = 0; i < 6; i++) await Until(clients[i % 5], $"put live-{i} value-{i}", $"ok live-{i}");
                for (var i = 0; i < 6; i++) await Until(clients[(i + 2) % 5], $"get live-{i}", $"found live-{i} value-{i}");
            }
            finally
            {
                foreach (var client in clients) client.Dispose();
                // SIGTERM: each node stops, and its tracer provider flushes the spans left in its batch.
                foreach (var node in nodes)
                {
                    await node.TerminateAsync();
                    node.Dispose();
                }
            }
            collector.Stop();
            await serving;
        }

        var paths = new CausalHistory(logs.SelectMany(l => TraceLogReader.ReadAll(l).Records)).DeclaredPaths();
        Assert.True(paths.Count(p => p.Kind == "Dht.Get") >= 6, $"{paths.Count(p => p.Kind == "Dht.Get")} declared get paths");
        var spans = received.ToDictionary(s => (s.Attributes["mace.node"], long.Parse(s.Attributes["mace.event_id"], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var path in paths)
        {
            foreach (var (e, _) in path.Events)
            {
                Assert.True(spans.TryGetValue((e.Node, e.Id), out var span), $"no span from {e.Node} for {e} on path {path.Id}");
                Assert.Equal(path.Id, span.TraceId);
                if (e == path.Start)
                {
                    Assert.Equal("", span.ParentSpanId);
                    continue;
                }
                var parent = path.Events.Select(m => m.Event).Single(m => path.ChildrenOf(m).Contains(e));
                Assert.Equal(spans[(parent.Node, parent.Id)].SpanId, span.ParentSpanId);
            }
        }
        // Some get's span tree spans processes: a child made by one process under a parent made by another.
        Assert.Contains(paths, p => p.Kind == "Dht.Get" && p.Nodes >= 2);
        Assert.All(received, s => Assert.Contains(s.TraceId, paths.Select(p => p.Id)));
    }

    private static async Task Until(DhtLineClient client, string request, string answer)
    {
        var deadline = DateTime.UtcNow + Patience;
        string last;
        do
        {
            last = await client.AskAsync(request);
            if (last == answer) return;
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"'{request}' on {client} never answered '{answer}'; last '{last}'");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
