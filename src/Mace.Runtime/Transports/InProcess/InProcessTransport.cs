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
        var delivery = target.TakeDelivery();
        delivery.Set(registrationId, src, bytes, Node.EventId, Node.OutgoingPath == default ? default : Node.OutgoingContext);
        target.Node.Environment.Post(delivery.Run);
        return true;
    }

    // Deliveries waiting for reuse: a route takes one from the destination's slots (or makes one),
    // and the destination's lane puts it back once the event has run, so a steady stream of
    // messages allocates no work item and no closure per message.
    private readonly Delivery?[] _spareDeliveries = new Delivery?[8];

    private Delivery TakeDelivery()
    {
        for (var i = 0; i < _spareDeliveries.Length; i++)
        {
            if (Interlocked.Exchange(ref _spareDeliveries[i], null) is { } spare) return spare;
        }
        return new Delivery(this);
    }

    private void ReturnDelivery(Delivery delivery)
    {
        for (var i = 0; i < _spareDeliveries.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _spareDeliveries[i], delivery, null) is null) return;
        }
    }

    /// <summary>
    /// One message on its way to this transport's node: posted to the lane as a cached work item,
    /// run there as one event (<see cref="Node.Execute"/>, as <see cref="Node.Post"/> would), then
    /// handed back for reuse. The payload bytes are never reused: the receiver may keep them.
    /// </summary>
    private sealed class Delivery
    {
        private readonly InProcessTransport _owner;
        private readonly Action _deliver;
        private int _registrationId;
        private NodeAddress _source;
        private ReadOnlyMemory<byte> _bytes;
        private long _senderEvent;
        private PathContext _path;

        public Delivery(InProcessTransport owner)
        {
            _owner = owner;
            _deliver = Deliver;
            Run = RunOnLane;
        }

        /// <summary>The lane work item.</summary>
        public Action Run { get; }

        public void Set(int registrationId, NodeAddress source, ReadOnlyMemory<byte> bytes, long senderEvent, PathContext path)
        {
            _registrationId = registrationId;
            _source = source;
            _bytes = bytes;
            _senderEvent = senderEvent;
            _path = path;
        }

        private void RunOnLane()
        {
            try
            {
                _owner.Node.Execute(_deliver);
            }
            finally
            {
                _bytes = default;
                _owner.ReturnDelivery(this);
            }
        }

        private void Deliver() => _owner.Receive(_registrationId, _source, new Payload(_bytes), _senderEvent, _path);
    }

    private void Receive(int registrationId, NodeAddress src, Payload payload, long senderEvent, in PathContext path)
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
