using Mace.Checking.Execution;
using Mace.Runtime;

namespace Mace.Checking;

/// <summary>
/// What a test's driver sees when a node incarnation starts: the node and its top service, and a way
/// to queue application events on it. Queued events run in order on the node's lane, each when the
/// chooser picks it, interleaved with everything else.
/// </summary>
public readonly struct CheckDriver<TService> where TService : ServiceBase
{
    private readonly CheckWorld _world;

    internal CheckDriver(CheckWorld world, int index, int incarnation, TService service)
    {
        _world = world;
        Index = index;
        Incarnation = incarnation;
        Service = service;
    }

    /// <summary>The node slot that started.</summary>
    public int Index { get; }

    /// <summary>1 for the first start, then one more per restart.</summary>
    public int Incarnation { get; }

    /// <summary>The node's top service.</summary>
    public TService Service { get; }

    /// <summary>The number of node slots.</summary>
    public int NodeCount => _world.NodeCount;

    /// <summary>The address of node slot <paramref name="index"/>.</summary>
    public static NodeAddress Address(int index) => NodeAddress.Simulated(index);

    /// <summary>Queues <paramref name="action"/> as an application event named <paramref name="label"/> on this node.</summary>
    public void Post(string label, Action<TService> action)
    {
        var service = Service;
        var node = service.Node;
        _world.EnqueueLane(Index, () => node.Execute(() => action(service)), label, own: true);
    }
}
