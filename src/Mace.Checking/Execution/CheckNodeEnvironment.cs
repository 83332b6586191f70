using Mace.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mace.Checking.Execution;

/// <summary>
/// The node environment under the checker: every draw is a choice of the world's chooser, posts and
/// timers become enabled events of the world, and transports are the world's controlled queues.
/// One per node slot, shared by the slot's incarnations (a dead incarnation never runs again).
/// </summary>
internal sealed class CheckNodeEnvironment : INodeEnvironment
{
    private readonly CheckWorld _world;
    private readonly int _node;

    public CheckNodeEnvironment(CheckWorld world, int node)
    {
        _world = world;
        _node = node;
    }

    public DateTime Now => _world.Now;

    public ILogger Logger => NullLogger.Instance;

    public int RandInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        return maxExclusive == 1 ? 0 : _world.NodeChoose(_node, maxExclusive, ChoiceKind.RandInt);
    }

    public double RandDouble()
    {
        var buckets = _world.Options.RandDoubleBuckets;
        var bucket = buckets <= 1 ? 0 : _world.NodeChoose(_node, buckets, ChoiceKind.RandDouble);
        return (bucket + 0.5) / buckets;
    }

    public void Post(Action work) => _world.EnqueueLane(_node, work ?? throw new ArgumentNullException(nameof(work)), "post", own: true);

    public ITimerHandle SetTimer(TimeSpan delay, Action work) => _world.AddTimer(_node, delay, work ?? throw new ArgumentNullException(nameof(work)));

    public ITransport CreateTransport(Node node, TransportKind kind) => _world.CreateTransport(_node, node, kind);

    public void OnEventFailed(Exception exception) => _world.RecordFailure(_node, exception);
}
