using Mace.Runtime;

namespace Mace.Simulation.Network;

/// <summary>
/// A UDP-like simulated transport: best effort, no error upcalls. Datagrams may be lost,
/// duplicated or held back (reordered) with the probabilities in <see cref="NetworkOptions"/>;
/// datagrams to dead or partitioned hosts vanish.
/// </summary>
public sealed class SimUdpTransport : SimTransport
{
    internal SimUdpTransport(SimNodeEnvironment environment, Node node, int index)
        : base(environment, node, TransportKind.Udp, index)
    {
    }

    /// <inheritdoc/>
    public override string ServiceName => "SimUdpTransport";

    private protected override void Send(int registrationId, SimHost destination, byte[] bytes)
    {
        var network = Network;
        var options = network.Options;
        var departure = network.Departure(Host, bytes.Length);
        if (options.UdpLoss > 0 && network.Random.NextDouble() < options.UdpLoss)
        {
            network.Stats.Lost++;
            return;
        }
        network.Schedule(new SimMessage(this, destination, registrationId, bytes, null), network.Arrival(destination, departure + Delay(network, destination), bytes.Length));
        if (options.UdpDuplicate > 0 && network.Random.NextDouble() < options.UdpDuplicate)
        {
            network.Stats.Duplicated++;
            var copy = new SimMessage(this, destination, registrationId, (byte[])bytes.Clone(), null);
            network.Schedule(copy, network.Arrival(destination, departure + Delay(network, destination), bytes.Length));
        }
    }

    private long Delay(SimNetwork network, SimHost destination)
    {
        var delay = network.Propagation(Host, destination);
        var options = network.Options;
        if (options.UdpReorder > 0 && network.Random.NextDouble() < options.UdpReorder)
            delay += (long)(network.Random.NextDouble() * options.UdpReorderDelay.Ticks);
        return delay;
    }
}
