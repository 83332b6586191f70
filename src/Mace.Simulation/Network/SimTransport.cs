using System.Runtime.InteropServices;
using Mace.Runtime;
using Mace.Runtime.Serialization;

namespace Mace.Simulation.Network;

/// <summary>
/// The shared half of the simulated transports: registration, serializing each payload on send
/// (so the receiver gets its own copy and bytes are counted), and the receiving side, where a
/// <see cref="MaceFormatException"/> from the upper layer's demux is caught and counted.
/// </summary>
/// <remarks>
/// The k-th transport of a kind a node creates talks to the k-th transport of that kind on its
/// peers, as the same stack built on every node creates them in the same order.
/// </remarks>
public abstract class SimTransport : ServiceBase, ITransport
{
    private readonly HandlerRegistry<IReceiveData> _receivers = new();
    private readonly HandlerRegistry<INetworkError> _errorHandlers = new();
    private readonly Action _deliverPending;
    private IReceiveData? _pendingReceiver;
    private NodeAddress _pendingSource;
    private byte[]? _pendingBytes;
    private long _pendingSenderEvent;
    private Mace.Runtime.Transports.PathContext _pendingPath;

    private protected SimTransport(SimNodeEnvironment environment, Node node, TransportKind kind, int index)
        : base(node)
    {
        Environment = environment;
        Kind = kind;
        Index = index;
        _deliverPending = DeliverPending;
    }

    /// <summary>The environment (incarnation) this transport belongs to.</summary>
    public SimNodeEnvironment Environment { get; }

    /// <summary>The host this transport sends from.</summary>
    public SimHost Host => Environment.Host;

    /// <summary>The kind of transport.</summary>
    public TransportKind Kind { get; }

    /// <summary>Its position among the node's transports of <see cref="Kind"/>.</summary>
    public int Index { get; }

    internal SimNetwork Network => Environment.Network;

    /// <inheritdoc/>
    public bool Route(int registrationId, NodeAddress dest, Payload message)
    {
        if (dest.Kind != NodeAddressKind.Simulated || !Network.TryGetHost(dest.SimulatedId, out var host)) return false;
        Send(registrationId, host, Serialize(message));
        return true;
    }

    /// <inheritdoc/>
    public void RegisterReceiveData(int registrationId, IReceiveData handler) => _receivers.Register(registrationId, handler);

    /// <inheritdoc/>
    public void RegisterNetworkError(int registrationId, INetworkError handler) => _errorHandlers.Register(registrationId, handler);

    /// <inheritdoc/>
    public override void MaceInit() => RunLifecycle(static () => { });

    /// <inheritdoc/>
    public override void MaceExit() => RunLifecycle(Close);

    /// <inheritdoc/>
    public override void MaceReset() => RunLifecycle(Close);

    /// <summary>Sends <paramref name="bytes"/> (owned by the network from now on) to <paramref name="destination"/>.</summary>
    private protected abstract void Send(int registrationId, SimHost destination, byte[] bytes);

    /// <summary>Forgets connection state.</summary>
    private protected virtual void Close()
    {
    }

    internal void Deliver(NodeAddress source, int registrationId, byte[] bytes, long senderEvent, in Mace.Runtime.Transports.PathContext path)
    {
        var receiver = _receivers.Get(registrationId);
        if (receiver is null)
        {
            Network.Stats.DroppedNoReceiver++;
            return;
        }
        _pendingReceiver = receiver;
        _pendingSource = source;
        _pendingBytes = bytes;
        _pendingSenderEvent = senderEvent;
        _pendingPath = path;
        Node.Execute(_deliverPending);
    }

    internal void RaiseError(NodeAddress peer, TransportError error) =>
        Node.Execute(() =>
        {
            foreach (var handler in _errorHandlers.All) handler.Value.Error(peer, error);
        });

    private void DeliverPending()
    {
        var receiver = _pendingReceiver!;
        var source = _pendingSource;
        var bytes = _pendingBytes!;
        _pendingReceiver = null;
        _pendingBytes = null;
        Node.SetCause(source, _pendingSenderEvent, _pendingPath);
        try
        {
            receiver.Deliver(source, Node.Address, new Payload(bytes));
        }
        catch (MaceFormatException)
        {
            Network.Stats.FormatErrors++;
        }
    }

    private static byte[] Serialize(Payload message)
    {
        var bytes = message.GetBytes();
        if (message.Message is not null
            && MemoryMarshal.TryGetArray(bytes, out var segment)
            && segment.Offset == 0
            && segment.Count == segment.Array!.Length)
        {
            return segment.Array;
        }
        return bytes.ToArray();
    }
}
