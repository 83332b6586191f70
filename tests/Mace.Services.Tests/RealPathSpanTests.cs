using System.Diagnostics;
using System.Text;
using Mace.Runtime;
using Mace.Runtime.Tracing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Mace.Services.Tests;

/// <summary>
/// Causal paths declared in Dht.mace (<c>[path=start]</c> on Put and Get, <c>[path=end]</c> on
/// their answers) over five real TCP nodes: the trace id rides in every frame, each node makes one
/// span per event on a path, and the spans' parent/child structure is the path the nodes' trace
/// logs record.
/// </summary>
public class RealPathSpanTests
{
    [Fact]
    public async Task DhtPathsOverTcp_BecomeSpansWhoseTreeMatchesTheLoggedPaths()
    {
        var directory = Directory.CreateTempSubdirectory("mace-spans-");
        var spans = new List<Activity>();
        var nodes = new List<RealDhtNode>();
        var logs = new List<TraceLogWriter>();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(MaceActivity.SourceName).AddInMemoryExporter(spans).Build();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var log = TraceLogWriter.Create(Path.Combine(directory.FullName, $"node{i}.macelog"));
                logs.Add(log);
                nodes.Add(await RealDhtNode.StartAsync(TransportKind.Tcp, 100 + i, log));
            }
            await nodes[0].JoinAsync([]);
            foreach (var node in nodes.Skip(1))
            {
                await node.JoinAsync([nodes[0].Address]);
                await Eventually.Until(async () => await node.IsJoinedAsync(), "node joined");
            }
            await Eventually.Until(async () => (await Task.WhenAll(nodes.Select(n => n.LeafCountAsync()))).All(c => c == 4), "full leaf sets");
            var keys = Enumerable.Range(0, 4).Select(i => Key.Hash("span-" + i)).ToArray();
            for (var i = 0; i < keys.Length; i++) await nodes[i % 2].PutAsync(keys[i], Encoding.UTF8.GetBytes("v" + i));
            for (var i = 0; i < keys.Length; i++) Assert.NotNull(await nodes[2 + i % 3].GetAsync(keys[i]));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            foreach (var log in logs) log.Dispose();
        }
        provider.ForceFlush();

        var records = directory.GetFiles("*.macelog").SelectMany(f => TraceLogReader.ReadAll(f.FullName).Records).ToList();
        var paths = new CausalHistory(records).DeclaredPaths();
        directory.Delete(recursive: true);
        // Four puts and four gets, each its own trace (other tests' nodes may share the listener: keep ours).
        Assert.Equal(4, paths.Count(p => p.Kind == "Dht.Put"));
        Assert.Equal(4, paths.Count(p => p.Kind == "Dht.Get"));
        var ours = nodes.Select(n => n.Address.ToString()).ToHashSet();
        var byEvent = spans
            .Where(s => s.GetTagItem("mace.node") is string node && ours.Contains(node))
            .ToDictionary(s => ((string)s.GetTagItem("mace.node")!, (long)s.GetTagItem("mace.event_id")!));
        foreach (var path in paths)
        {
            var parents = path.Events.SelectMany(m => path.ChildrenOf(m.Event).Select(c => (Child: c, Parent: m.Event))).ToDictionary(x => x.Child, x => x.Parent);
            foreach (var (e, _) in path.Events)
            {
                Assert.True(byEvent.TryGetValue((e.Node, e.Id), out var span), $"no span for {e} on path {path.Id}");
                Assert.Equal(path.Id, span.TraceId.ToHexString());
                if (e == path.Start)
                {
                    Assert.Equal(default, span.ParentSpanId);
                    Assert.Equal(path.Kind, span.DisplayName);
                }
                else
                {
                    var parent = byEvent[(parents[e].Node, parents[e].Id)];
                    Assert.Equal(parent.SpanId, span.ParentSpanId);
                }
            }
            // The path has more than one node: its spans cross the TCP connections.
            Assert.True(path.Nodes >= 2 || path.Events.Count == 1, $"path {path.Id} stays on one node");
        }
        Assert.Contains(paths, p => p.Nodes >= 2 && p.Hops >= 2);
        // Every span on our nodes is on one of the logged paths: nothing off a path gets a span.
        var pathIds = paths.Select(p => p.Id).ToHashSet();
        Assert.All(byEvent.Values, s => Assert.Contains(s.TraceId.ToHexString(), pathIds));
    }
}
