using System.Threading.Channels;

namespace Mace.Runtime.Tests.Transports;

/// <summary>
/// A minimal hand-written upper service over a transport: sends raw payloads through its own
/// registration id (<c>RegistrationId.For(name, "Net")</c>) and records what it receives and every
/// error upcall.
/// </summary>
internal sealed class RecorderService : ServiceBase, IReceiveData, INetworkError
{
    private readonly ITransport _net;
    private readonly string _name;

    public RecorderService(Node node, string name, ITransport net)
        : base(node)
    {
        _name = name;
        _net = net;
        Proxy = new TransportProxy(net, RegistrationId.For(name, "Net"));
        net.RegisterReceiveData(Proxy.RegistrationId, this);
        net.RegisterNetworkError(Proxy.RegistrationId, this);
    }

    public TransportProxy Proxy { get; }

    public Channel<(NodeAddress Source, string Text)> Received { get; } = Channel.CreateUnbounded<(NodeAddress, string)>();

    public Channel<(NodeAddress Peer, TransportError Error)> Errors { get; } = Channel.CreateUnbounded<(NodeAddress, TransportError)>();

    /// <summary>The node's <see cref="Node.Cause"/> during each delivery, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<CausalLink> Causes { get; } = new();

    public override string ServiceName => _name;

    public bool Send(NodeAddress dest, string text) => Proxy.Route(dest, new Payload(System.Text.Encoding.UTF8.GetBytes(text)));

    public void Deliver(NodeAddress src, NodeAddress dest, Payload message)
    {
        Causes.Enqueue(Node.Cause);
        Received.Writer.TryWrite((src, System.Text.Encoding.UTF8.GetString(message.GetBytes().Span)));
    }

    public void Error(NodeAddress peer, TransportError error) => Errors.Writer.TryWrite((peer, error));

    public override void MaceInit() => RunLifecycle(_net.MaceInit);

    public override void MaceExit() => RunLifecycle(_net.MaceExit);

    public override void MaceReset() => RunLifecycle(_net.MaceReset);
}
