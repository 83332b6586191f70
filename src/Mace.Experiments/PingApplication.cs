using Mace.Runtime;
using Mace.Services;

namespace Mace.Experiments;

/// <summary>
/// The application on top of <see cref="Ping"/> in the ping scenario: asks it to monitor peers
/// and hands its upcalls to the scenario. It is attached to the node like a service so it is
/// part of the stack a restart rebuilds.
/// </summary>
public sealed class PingApplication : ApplicationBase, IPingStatus
{
    private static readonly int s_registrationId = RegistrationId.For("PingApplication", "Ping");
    private readonly PingScenario _scenario;

    /// <summary>Builds the application above <paramref name="ping"/> on <paramref name="node"/>.</summary>
    public PingApplication(Node node, Ping ping, PingScenario scenario)
        : base(node)
    {
        Ping = ping;
        _scenario = scenario;
        ping.RegisterPingStatus(s_registrationId, this);
    }

    /// <summary>The Ping service below.</summary>
    public Ping Ping { get; }

    /// <summary>Starts monitoring <paramref name="peer"/> (an application downcall). Lane only.</summary>
    public void Monitor(NodeAddress peer)
    {
        if (peer == LocalAddress || Ping.LastHeard.ContainsKey(peer)) return;
        Ping.Monitor(peer);
    }

    /// <inheritdoc/>
    public void PeerResponded(NodeAddress peer, TimeSpan rtt) => _scenario.OnResponded(this, peer, rtt);

    /// <inheritdoc/>
    public void PeerFailed(NodeAddress peer) => _scenario.OnFailed(this, peer);
}
