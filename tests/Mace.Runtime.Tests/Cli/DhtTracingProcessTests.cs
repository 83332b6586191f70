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
