using Mace.Runtime.Serialization;

namespace Mace.Runtime.Transports.InProcess;

/// <summary>
/// The <c>Transport</c> of a node on an <see cref="InProcessNetwork"/>. A payload is serialized on
/// send (the receiver gets its own bytes, as over a socket); an undecodable payload is dropped and
/// counted at this boundary; a route to an address not on the network raises <c>Error(PeerDead)</c>.
/// </summary>
public sealed class InProcessTransport : ITransport
{
    private readonly InProcessNetwork _network;
    private readonly HandlerRegistry<IReceiveData> _receivers = new();
    private readonly HandlerRegistry<INetworkError> _errorHandlers = new();
    private long _sent;
    private long _delivered;
    private long _malformed;

    internal InProcessTransport(InProcessNetwork network, Node node)
    {
        _network = network;
        Node = node;
        node.Attach(this);
    }

    /// <summary>The node this transport belongs to.</summary>
    public Node Node { get; }

    /// <inheritdoc/>
    public string ServiceName => "InProcessTransport";

    /// <summary>Messages sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages delivered to an upper service.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Messages dropped because they did not decode.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <inheritdoc/>
    public bool Route(int registrationId, NodeAddress dest, Payload message)
    {
        var target = _network.Find(dest);
        if (target is null)
        {
            var self = this;
            Node.Post(() => self.RaiseError(dest, TransportError.PeerDead));
            return false;
        }
        var bytes = message.GetBytes();
        var src = Node.Address;
        Interlocked.Increment(ref _sent);
        var senderEvent = Node.EventId;
        var path = Node.OutgoingPath == default ? default : Node.OutgoingContext;
        target.Node.Post(() => target.Receive(registrationId, src, new Payload(bytes), senderEvent, path));
        return true;
    }

    private void Receive(int registrationId, NodeAddress src, Payload payload, long senderEvent, PathContext path)
    {
        Node.SetCause(src, senderEvent, path);
        var receiver = _receivers.Get(registrationId);
        if (receiver is null) return;
        try
        {
            receiver.Deliver(src, Node.Address, payload);
            Interlocked.Increment(ref _delivered);
        }
        catch (MaceFormatException)
        {
            Interlocked.Increment(ref _malformed);
        }
    }

    private void RaiseError(NodeAddress peer, TransportError error)
    {
        foreach (var handler in _errorHandlers.All) handler.Value.Error(peer, error);
    }

    /// <inheritdoc/>
    public void RegisterReceiveData(int registrationId, IReceiveData handler) => _receivers.Register(registrationId, handler);

    /// <inheritdoc/>
    public void RegisterNetworkError(int registrationId, INetworkError handler) => _errorHandlers.Register(registrationId, handler);

    /// <inheritdoc/>
    public void MaceInit()
    {
    }

    /// <inheritdoc/>
    public void MaceExit() => _network.Remove(this);

    /// <inheritdoc/>
    public void MaceReset()
    {
    }
}
