using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports.Security;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// Two Mace nodes on real TCP: node A's PeerEcho streams to, and requests from, node B's; secured,
/// both use mutual TLS 1.3 with certificates from one dev cluster CA (what <c>mace certs</c> makes).
/// </summary>
public sealed class MacePeer : IMessagingPeer, IPeerEchoDone
{
    private readonly RealNodeEnvironment _clientEnvironment;
    private readonly RealNodeEnvironment _serverEnvironment;
    private readonly Node _client;
    private readonly Node _server;
    private readonly PeerEcho _clientService;
    private readonly PeerEcho _serverService;
    private readonly byte[] _body;
    private TaskCompletionSource _done = new();

    public MacePeer(byte[] body, bool secured = false)
    {
        _body = body;
        _clientEnvironment = new RealNodeEnvironment(Options(1, secured));
        _serverEnvironment = new RealNodeEnvironment(Options(2, secured));
        Name = secured ? "Mace TcpTransport over mutual TLS 1.3" : "Mace TcpTransport";
        _client = new Node(_clientEnvironment);
        _server = new Node(_serverEnvironment);
        _clientService = PeerEcho.Create(_client);
        _serverService = PeerEcho.Create(_server);
        _clientService.RegisterPeerEchoDone(0, this);
        _serverService.RegisterPeerEchoDone(0, this);
        Task.WaitAll(_client.StartAsync(), _server.StartAsync());
    }

    public string Name { get; }

    private static RealNodeOptions Options(int seed, bool secured)
    {
        var options = new RealNodeOptions { Seed = seed, SendQueueCapacity = 1 << 20 };
        if (!secured) return options;
        // A certificate names its node's address, so a secured node listens on a port chosen first.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        s_authority ??= DevCertificates.CreateAuthority("mace-bench", TimeSpan.FromDays(1));
        var certificate = DevCertificates.CreateNode(s_authority, [NodeAddress.Parse($"127.0.0.1:{port}")], TimeSpan.FromDays(1));
        return options with { Port = port, Security = new TransportSecurity(certificate, s_authority, null, s_clusterKey) };
    }

    private static X509Certificate2? s_authority;
    private static readonly byte[] s_clusterKey = DevCertificates.CreateClusterKey();

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
