using Mace.Runtime;
using Mace.Services;

namespace Mace.Experiments;

/// <summary>
/// The application above a failure detector in the failure-detection scenario: tells it whom to
/// watch and hands its upcalls to the scenario. Attached to the node like a service, so a restart
/// rebuilds it with the stack.
/// </summary>
public sealed class DetectorApplication : ApplicationBase, IFailureEvents
{
    private static readonly int s_registrationId = RegistrationId.For("DetectorApplication", "Detector");
    private readonly FailureDetectionScenario _scenario;
    private readonly IFailureDetection _detector;

    /// <summary>Builds the application above <paramref name="detector"/> on <paramref name="node"/>.</summary>
    public DetectorApplication(Node node, IFailureDetection detector, FailureDetectionScenario scenario)
        : base(node)
    {
        _detector = detector;
        _scenario = scenario;
        detector.RegisterFailureEvents(s_registrationId, this);
    }

    /// <summary>Starts watching <paramref name="peer"/>. Lane only.</summary>
    public void Watch(NodeAddress peer)
    {
        if (peer != LocalAddress) _detector.Watch(s_registrationId, peer);
    }

    /// <inheritdoc/>
    public void PeerSuspected(NodeAddress peer) => _scenario.OnSuspected(this, peer);

    /// <inheritdoc/>
    public void PeerRecovered(NodeAddress peer) => _scenario.OnRecovered(this, peer);
}
