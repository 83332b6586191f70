using Microsoft.Extensions.Logging;

namespace Mace.Runtime;

/// <summary>
/// The one seam through which a node touches anything nondeterministic: time, timers, random draws,
/// the order of events, and the transports it is given. The real runtime backs it with the wall
/// clock, a seeded RNG and sockets; the simulator with a virtual clock; the model checker turns
/// every call into a choice point. Services and generated code reach it only through
/// <see cref="Node"/> and <see cref="ServiceBase"/>.
/// </summary>
/// <remarks>
/// Threading rule: <see cref="Post"/> may be called from any thread; every other member is called
/// only from the node's lane (inside an event).
/// </remarks>
public interface INodeEnvironment
{
    /// <summary>The current time: wall clock, or virtual time in the simulator and checker.</summary>
    DateTime Now { get; }

    /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>).</summary>
    int RandInt(int maxExclusive);

    /// <summary>A uniformly distributed double in [0, 1).</summary>
    double RandDouble();

    /// <summary>Queues <paramref name="work"/> to run on the node's lane after every earlier event.</summary>
    void Post(Action work);

    /// <summary>Runs <paramref name="work"/> on the node's lane once <paramref name="delay"/> has passed, unless cancelled first.</summary>
    ITimerHandle SetTimer(TimeSpan delay, Action work);

    /// <summary>Builds the transport of <paramref name="kind"/> this environment provides for <paramref name="node"/>.</summary>
    ITransport CreateTransport(Node node, TransportKind kind);

    /// <summary>The node's logger.</summary>
    ILogger Logger { get; }

    /// <summary>Called on the lane when an event throws; the event is abandoned and the node goes on, unless this rethrows.</summary>
    void OnEventFailed(Exception exception);
}
