using System.Collections.Concurrent;

namespace Mace.Runtime.Transports.InProcess;

/// <summary>
/// A network of nodes inside one process: each <see cref="InProcessTransport"/> registers under
/// its node's address, and a route serializes the payload and posts the delivery onto the
/// destination node's lane. Reliable and FIFO per pair (lanes are FIFO). For tests, benchmarks and
/// embedding; the simulator and the real sockets are the other implementations of the seam.
/// </summary>
public sealed class InProcessNetwork
{
    private readonly ConcurrentDictionary<NodeAddress, InProcessTransport> _transports = new();

    /// <summary>Creates the transport for <paramref name="node"/>, which must already have its address.</summary>
    public InProcessTransport CreateTransport(Node node)
    {
        if (node.Address.IsNone) throw new InvalidOperationException("an in-process node needs an address before its transport is created");
        var transport = new InProcessTransport(this, node);
        if (!_transports.TryAdd(node.Address, transport)) throw new InvalidOperationException($"address {node.Address} is already on this network");
        return transport;
    }

    internal InProcessTransport? Find(NodeAddress address) => _transports.TryGetValue(address, out var transport) ? transport : null;

    internal void Remove(InProcessTransport transport) => _transports.TryRemove(new KeyValuePair<NodeAddress, InProcessTransport>(transport.Node.Address, transport));
}
