using Mace.Runtime;

namespace Mace.Compiler.Tests.Emit.Harness;

/// <summary>A hand-written <see cref="ITransport"/> over <see cref="LoopbackNetwork"/>.</summary>
internal sealed class LoopbackTransport(Node node, LoopbackNetwork network) : ITransport
{
    private readonly HandlerRegistry<IReceiveData> _receivers = new();
    private readonly HandlerRegistry<INetworkError> _errors = new();

    public Node Node { get; } = node;

    public string ServiceName => "LoopbackTransport";

    public bool Route(int registrationId, NodeAddress dest, Payload message) => network.Send(Node.Address, dest, registrationId, message);

    public void RegisterReceiveData(int registrationId, IReceiveData handler) => _receivers.Register(registrationId, handler);

    public void RegisterNetworkError(int registrationId, INetworkError handler) => _errors.Register(registrationId, handler);

    public void Receive(NodeAddress src, int registrationId, Payload message) => _receivers.Get(registrationId)?.Deliver(src, Node.Address, message);

    public void MaceInit()
    {
    }

    public void MaceExit()
    {
    }

    public void MaceReset()
    {
    }
}
