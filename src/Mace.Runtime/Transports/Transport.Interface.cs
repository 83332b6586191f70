// Hand-written stand-in for the code the compiler will generate from Transport.mace (issue #2):
// kept byte-compatible in shape with the emitter's serviceclass output so swapping is a no-op.
using Mace.Runtime.Serialization;

namespace Mace.Runtime;

/// <summary>The <c>Transport</c> serviceclass: send a payload to a peer; deliveries and errors come back up.</summary>
[MaceServiceClass("Transport", "serviceclass Transport { downcalls { bool Route(NodeAddress dest, Payload message); } upcalls(handler ReceiveData) { void Deliver(NodeAddress src, NodeAddress dest, Payload message); } upcalls(handler NetworkError) { void Error(NodeAddress peer, TransportError error) { } } }")]
public interface ITransport : IService
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="dest"/> for the upper service <paramref name="registrationId"/>; false when it was dropped at once.</summary>
    bool Route(int registrationId, NodeAddress dest, Payload message);

    /// <summary>Registers the receiver of deliveries for <paramref name="registrationId"/>.</summary>
    void RegisterReceiveData(int registrationId, IReceiveData handler);

    /// <summary>Registers a receiver of error upcalls.</summary>
    void RegisterNetworkError(int registrationId, INetworkError handler);
}

/// <summary>Deliveries from a transport.</summary>
public interface IReceiveData
{
    /// <summary>A payload from <paramref name="src"/> arrived.</summary>
    void Deliver(NodeAddress src, NodeAddress dest, Payload message);
}

/// <summary>Errors from a transport.</summary>
public interface INetworkError
{
    /// <summary>The transport gave up on <paramref name="peer"/>.</summary>
    void Error(NodeAddress peer, TransportError error) => NetworkErrorDefaults.Error(peer, error);
}

/// <summary>The default bodies of the <c>NetworkError</c> upcalls.</summary>
public static class NetworkErrorDefaults
{
    /// <summary>Ignores the error.</summary>
    public static void Error(NodeAddress peer, TransportError error)
    {
    }
}

/// <summary>The typed downcall proxy an upper service holds for a lower <c>Transport</c>.</summary>
public readonly struct TransportProxy
{
    /// <summary>A proxy that calls <paramref name="target"/> as <paramref name="registrationId"/>.</summary>
    public TransportProxy(ITransport target, int registrationId)
    {
        Target = target;
        RegistrationId = registrationId;
    }

    /// <summary>The lower service.</summary>
    public ITransport Target { get; }

    /// <summary>The caller's registration id.</summary>
    public int RegistrationId { get; }

    /// <summary>Sends a payload.</summary>
    public bool Route(NodeAddress dest, Payload message) => Target.Route(RegistrationId, dest, message);

    /// <summary>Sends a generated message.</summary>
    public bool Route(NodeAddress dest, IMessage message) => Target.Route(RegistrationId, dest, Payload.FromMessage(message));
}
