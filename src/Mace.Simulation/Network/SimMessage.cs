using Mace.Runtime;
using Mace.Simulation.Engine;

namespace Mace.Simulation.Network;

/// <summary>
/// A message in flight, and its own arrival event: argument 0 delivers it, argument
/// 1 + <see cref="TransportError"/> raises that error back at the sender (TCP only).
/// </summary>
internal sealed class SimMessage : ISimEventHandler
{
    public SimMessage(SimTransport sender, SimHost destination, int registrationId, byte[] bytes, TcpConnection? connection)
    {
        Sender = sender;
        Destination = destination;
        RegistrationId = registrationId;
        Bytes = bytes;
        Connection = connection;
        Epoch = connection?.Epoch ?? 0;
        DestinationIncarnation = connection?.PeerIncarnation ?? 0;
        SenderEvent = sender.Node.EventId;
        if (sender.Node.OutgoingPath != default) Path = sender.Node.OutgoingContext;
    }

    /// <summary>The trace context it carries (the causal path, the sending span).</summary>
    public Mace.Runtime.Transports.PathContext Path { get; }

    /// <summary>The sender's event that sent it (<see cref="Node.EventId"/>): the receiver's cause.</summary>
    public long SenderEvent { get; }

    public SimTransport Sender { get; }

    public SimHost Destination { get; }

    public int RegistrationId { get; }

    public byte[] Bytes { get; }

    public TcpConnection? Connection { get; }

    public int Epoch { get; }

    public int DestinationIncarnation { get; }

    public void OnEvent(object? state, long argument)
    {
        if (argument == 0) Sender.Network.Deliver(this);
        else Sender.Network.RaiseError(this, (TransportError)(argument - 1));
    }
}
