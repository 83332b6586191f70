using Mace.Runtime;

namespace Mace.Simulation.Network;

/// <summary>
/// A TCP-like simulated transport: reliable and FIFO per (sender, receiver) pair. A message that
/// reaches a dead peer (or an incarnation newer than the one the connection was opened to)
/// raises <c>Error(peer, PeerDead)</c> one return trip later; one blocked by a partition raises
/// <c>Error(peer, ConnectFailed)</c>. One failure breaks the connection: the rest in flight on it
/// are lost, and the next send opens a new one.
/// </summary>
public sealed class SimTcpTransport : SimTransport
{
    private const int FirstSweep = 64;
    private readonly Dictionary<int, TcpConnection> _connections = [];
    private int _sweepAt = FirstSweep;

    internal SimTcpTransport(SimNodeEnvironment environment, Node node, int index)
        : base(environment, node, TransportKind.Tcp, index)
    {
    }

    /// <inheritdoc/>
    public override string ServiceName => "SimTcpTransport";

    /// <summary>Open (or broken, not yet reopened) connections.</summary>
    public int ConnectionCount => _connections.Count;

    private protected override void Send(int registrationId, SimHost destination, byte[] bytes)
    {
        if (!_connections.TryGetValue(destination.Id, out var connection))
        {
            if (_connections.Count >= _sweepAt) ForgetReleasedPeers();
            connection = new TcpConnection { PeerIncarnation = destination.Incarnation };
            _connections.Add(destination.Id, connection);
        }
        else if (connection.Broken)
        {
            connection.Epoch++;
            connection.Broken = false;
            connection.PeerIncarnation = destination.Incarnation;
        }
        var network = Network;
        var arrival = network.Arrival(destination, network.Departure(Host, bytes.Length) + network.Propagation(Host, destination), bytes.Length);
        if (arrival < connection.LastArrival) arrival = connection.LastArrival;
        connection.LastArrival = arrival;
        network.Schedule(new SimMessage(this, destination, registrationId, bytes, connection), arrival);
    }

    /// <summary>
    /// Drops the connections to hosts that churn removed for good once nothing is in flight on
    /// them (their last arrival is past). Sending to such a host again opens a new connection that
    /// fails the same way, so this changes no outcome; it keeps a long churn run from holding one
    /// connection per node that ever lived. Amortized: it runs when the table has doubled.
    /// </summary>
    private void ForgetReleasedPeers()
    {
        var network = Network;
        var now = network.Simulator.Now;
        List<int>? gone = null;
        foreach (var (id, connection) in _connections)
        {
            if (connection.LastArrival <= now && network.TryGetHost(id, out var host) && host.Released) (gone ??= []).Add(id);
        }
        if (gone is not null) foreach (var id in gone) _connections.Remove(id);
        _sweepAt = Math.Max(FirstSweep, 2 * _connections.Count);
    }

    private protected override void Close() => _connections.Clear();
}
