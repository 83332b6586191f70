using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Benchmarks.Peers;

/// <summary>Two Mace nodes on real TCP: node A's PeerEcho streams to, and requests from, node B's.</summary>
public sealed class MacePeer : IMessagingPeer, IPeerEchoDone
{
    private readonly RealNodeEnvironment _clientEnvironment = new(new RealNodeOptions { Seed = 1, SendQueueCapacity = 1 << 20 });
    private readonly RealNodeEnvironment _serverEnvironment = new(new RealNodeOptions { Seed = 2, SendQueueCapacity = 1 << 20 });
    private readonly Node _client;
    private readonly Node _server;
    private readonly PeerEcho _clientService;
    private readonly PeerEcho _serverService;
    private readonly byte[] _body;
    private TaskCompletionSource _done = new();

    public MacePeer(byte[] body)
    {
        _body = body;
        _client = new Node(_clientEnvironment);
        _server = new Node(_serverEnvironment);
        _clientService = PeerEcho.Create(_client);
        _serverService = PeerEcho.Create(_server);
        _clientService.RegisterPeerEchoDone(0, this);
        _serverService.RegisterPeerEchoDone(0, this);
        Task.WaitAll(_client.StartAsync(), _server.StartAsync());
    }

    public string Name => "Mace TcpTransport";

    public async Task StreamAsync(int count)
    {
        var done = Arm();
        await _server.InvokeAsync(() => _serverService.Expect(count));
        var server = _server.Address;
        _client.Post(() => _clientService.Stream(server, count, _body));
        await done;
    }

    public Task RequestAsync()
    {
        var done = Arm();
        var server = _server.Address;
        _client.Post(() => _clientService.Request(server, _body));
        return done;
    }

    public Task PipelineAsync(int total, int window)
    {
        var done = Arm();
        var server = _server.Address;
        _client.Post(() => _clientService.Pipeline(server, total, window, _body));
        return done;
    }

    void IPeerEchoDone.Streamed(int count) => _done.TrySetResult();

    void IPeerEchoDone.Responded() => _done.TrySetResult();

    void IPeerEchoDone.Pipelined(int count) => _done.TrySetResult();

    private Task Arm()
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _done.Task;
    }

    public ValueTask DisposeAsync()
    {
        Task.WaitAll(_client.StopAsync(), _server.StopAsync());
        _clientEnvironment.Dispose();
        _serverEnvironment.Dispose();
        return ValueTask.CompletedTask;
    }
}
