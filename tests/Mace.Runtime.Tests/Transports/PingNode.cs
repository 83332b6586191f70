using System.Collections.Concurrent;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;
using Mace.Services;

namespace Mace.Runtime.Tests.Transports;

/// <summary>A real node running DESIGN.md's Ping over TCP on 127.0.0.1, recording its upcalls as awaitable tasks.</summary>
internal sealed class PingNode : IAsyncDisposable, IPingStatus
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<NodeAddress, TaskCompletionSource> _responded = new();
    private readonly ConcurrentDictionary<NodeAddress, TaskCompletionSource> _failed = new();
    private readonly ConcurrentDictionary<NodeAddress, SemaphoreSlim> _replies = new();
    private bool _stopped;

    private PingNode(RealNodeEnvironment environment, Node node)
    {
        Environment = environment;
        Node = node;
    }

    public RealNodeEnvironment Environment { get; }

    public Node Node { get; }

    public Ping Ping { get; private set; } = default!;

    public TcpSocketTransport Tcp => Node.Find<TcpSocketTransport>()!;

    public NodeAddress Address => Node.Address;

    public static async Task<PingNode> StartAsync(RealNodeOptions? options = null)
    {
        var environment = new RealNodeEnvironment(options ?? new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var result = new PingNode(environment, node);
        result.Ping = await node.InvokeAsync(() =>
        {
            var ping = new Ping(node);
            ping.RegisterPingStatus(1, result);
            return ping;
        });
        await node.StartAsync().WaitAsync(Timeout);
        return result;
    }

    public Task MonitorAsync(NodeAddress peer) => Node.InvokeAsync(() => Ping.Monitor(peer));

    public Task RespondedFrom(NodeAddress peer) => Slot(_responded, peer).Task.WaitAsync(Timeout);

    public Task FailedFrom(NodeAddress peer) => Slot(_failed, peer).Task.WaitAsync(Timeout);

    /// <summary>Completes at the next reply from <paramref name="peer"/> after this call (Ping re-pings every second).</summary>
    public async Task NextReplyFrom(NodeAddress peer)
    {
        var replies = _replies.GetOrAdd(peer, _ => new SemaphoreSlim(0));
        while (replies.Wait(0))
        {
        }
        Assert.True(await replies.WaitAsync(Timeout), $"no reply from {peer} within {Timeout}");
    }

    /// <summary>Completes when <paramref name="peer"/> has replied or been reported failed; true for a reply.</summary>
    public async Task<bool> RepliedOrFailed(NodeAddress peer)
    {
        var replied = Slot(_responded, peer).Task;
        await Task.WhenAny(replied, Slot(_failed, peer).Task).WaitAsync(Timeout);
        return replied.IsCompleted;
    }

    /// <summary>Forgets a failure report so that <paramref name="peer"/> can be monitored again.</summary>
    public void ForgetFailure(NodeAddress peer) => _failed.TryRemove(peer, out _);

    public bool HasFailed(NodeAddress peer) => _failed.TryGetValue(peer, out var slot) && slot.Task.IsCompleted;

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

    void IPingStatus.PeerResponded(NodeAddress peer, TimeSpan rtt)
    {
        Slot(_responded, peer).TrySetResult();
        _replies.GetOrAdd(peer, _ => new SemaphoreSlim(0)).Release();
    }

    void IPingStatus.PeerFailed(NodeAddress peer) => Slot(_failed, peer).TrySetResult();

    private static TaskCompletionSource Slot(ConcurrentDictionary<NodeAddress, TaskCompletionSource> slots, NodeAddress peer) =>
        slots.GetOrAdd(peer, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
