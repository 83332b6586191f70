using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>A real node with one <see cref="RecorderService"/> over its TCP or UDP transport.</summary>
internal sealed class RecorderNode : IAsyncDisposable
{
    private RecorderNode(RealNodeEnvironment environment, Node node, RecorderService recorder, TransportStatistics statistics)
    {
        Environment = environment;
        Node = node;
        Recorder = recorder;
        Statistics = statistics;
    }

    public RealNodeEnvironment Environment { get; }

    public Node Node { get; }

    public RecorderService Recorder { get; }

    public TransportStatistics Statistics { get; }

    public NodeAddress Address => Node.Address;

    public static async Task<RecorderNode> StartAsync(RealNodeOptions options, TransportKind kind = TransportKind.Tcp)
    {
        var environment = new RealNodeEnvironment(options);
        var node = new Node(environment);
        var (recorder, statistics) = await node.InvokeAsync(() =>
        {
            var net = environment.CreateTransport(node, kind);
            var stats = net is TcpSocketTransport tcp ? tcp.Statistics : ((UdpSocketTransport)net).Statistics;
            return (new RecorderService(node, "Alpha", net), stats);
        });
        await node.StartAsync().WaitAsync(PingNode.Timeout);
        return new RecorderNode(environment, node, recorder, statistics);
    }

    public Task<bool> SendAsync(NodeAddress dest, string text) => Node.InvokeAsync(() => Recorder.Send(dest, text));

    public async Task<(NodeAddress Source, string Text)> NextAsync() =>
        await Recorder.Received.Reader.ReadAsync().AsTask().WaitAsync(PingNode.Timeout);

    public async ValueTask DisposeAsync()
    {
        await Node.StopAsync().WaitAsync(PingNode.Timeout);
        Environment.Dispose();
    }
}
