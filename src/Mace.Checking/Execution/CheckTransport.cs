using Mace.Runtime;

namespace Mace.Checking.Execution;

/// <summary>
/// A controlled transport: <see cref="Route"/> hands the payload to the world's network model
/// (FIFO per connection for TCP-like, an unordered bag for UDP-like); the world delivers it when the
/// chooser picks it. Belongs to one node incarnation.
/// </summary>
internal sealed class CheckTransport : ITransport
{
    private readonly CheckWorld _world;
    private readonly HandlerRegistry<IReceiveData> _receivers = new();
    private readonly HandlerRegistry<INetworkError> _errorHandlers = new();
    private readonly Action _deliverCurrent;
    private InFlightMessage _current;

    public CheckTransport(CheckWorld world, Node node, int slot, TransportKind kind, int index)
    {
        _world = world;
        Node = node;
        Slot = slot;
        Kind = kind;
        Index = index;
        _deliverCurrent = DeliverCurrent;
        node.Attach(this);
    }

    public Node Node { get; }

    public int Slot { get; }

    public TransportKind Kind { get; }

    public int Index { get; }

    public string ServiceName => Kind == TransportKind.Tcp ? "CheckTcpTransport" : "CheckUdpTransport";

    public bool Route(int registrationId, NodeAddress dest, Payload message) => _world.Send(this, registrationId, dest, message);

    public void RegisterReceiveData(int registrationId, IReceiveData handler) => _receivers.Register(registrationId, handler);

    public void RegisterNetworkError(int registrationId, INetworkError handler) => _errorHandlers.Register(registrationId, handler);

    public void MaceInit()
    {
    }

    public void MaceExit()
    {
    }

    public void MaceReset()
    {
    }

    /// <summary>Runs the delivery of <paramref name="message"/> as one event of this node.</summary>
    public void Deliver(in InFlightMessage message)
    {
        _current = message;
        Node.Execute(_deliverCurrent);
        _current = default;
    }

    /// <summary>Raises <c>Error(peer, error)</c> to every registered handler; call inside an event.</summary>
    public void RaiseError(NodeAddress peer, TransportError error)
    {
        foreach (var handler in _errorHandlers.All) handler.Value.Error(peer, error);
    }

    private void DeliverCurrent()
    {
        var receiver = _receivers.Get(_current.RegistrationId);
        receiver?.Deliver(_current.SourceAddress, Node.Address, new Payload(_current.Bytes));
    }
}
