using System.Collections.Concurrent;
using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>A real node on 127.0.0.1 running Bamboo, recursive routing and the DHT over TCP or UDP.</summary>
internal sealed class RealDhtNode : IAsyncDisposable, IDHTResults
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<Key, TaskCompletionSource<byte[]?>> _gets = new();
    private readonly ConcurrentDictionary<Key, TaskCompletionSource> _puts = new();
    private bool _stopped;

    private RealDhtNode(RealNodeEnvironment environment, Node node)
    {
        Environment = environment;
        Node = node;
    }

    public RealNodeEnvironment Environment { get; }

    public Node Node { get; }

    public OverlayStack Stack { get; private set; } = default!;

    public NodeAddress Address => Node.Address;

    public static async Task<RealDhtNode> StartAsync(TransportKind kind, int seed, ITraceSink? traceSink = null)
    {
        var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = seed });
        var node = new Node(environment) { TraceSink = traceSink, TraceLevelOverride = traceSink is null ? null : Mace.Runtime.Tracing.TraceLevel.Med };
        var result = new RealDhtNode(environment, node);
        result.Stack = await node.InvokeAsync(() =>
        {
            var transport = kind == TransportKind.Tcp ? TcpTransport.Create(node) : UdpTransport.Create(node);
            var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: true, transport, replicas: 5);
            stack.Dht!.RegisterDHTResults(1, result);
            return stack;
        });
        await node.StartAsync().WaitAsync(Timeout);
        return result;
    }

    public Task JoinAsync(List<NodeAddress> bootstrap) => Node.InvokeAsync(() => Stack.Overlay.JoinOverlay(0, bootstrap));

    public Task<bool> IsJoinedAsync() => Node.InvokeAsync(() => Stack.Overlay.IsJoined(0));

    public Task<int> LeafCountAsync() => Node.InvokeAsync(() => Node.Find<Bamboo>()!.Cw.Union(Node.Find<Bamboo>()!.Ccw).Count());

    public async Task PutAsync(Key key, byte[] value)
    {
        var done = _puts.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await Node.InvokeAsync(() => Stack.Dht!.Put(key, value));
        await done.Task.WaitAsync(Timeout);
    }

    /// <summary>The value found for <paramref name="key"/>, or null when the DHT reports it missing or does not answer in time.</summary>
    public async Task<byte[]?> GetAsync(Key key)
    {
        var done = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _gets[key] = done;
        await Node.InvokeAsync(() => Stack.Dht!.Get(key));
        try
        {
            return await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Node.StopAsync().WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Environment.Dispose();
    }

    void IDHTResults.PutResult(Key key, bool stored)
    {
        if (_puts.TryGetValue(key, out var done)) done.TrySetResult();
    }

    void IDHTResults.GetResult(Key key, bool found, byte[]? value)
    {
        if (_gets.TryGetValue(key, out var done)) done.TrySetResult(found ? value : null);
    }
}
