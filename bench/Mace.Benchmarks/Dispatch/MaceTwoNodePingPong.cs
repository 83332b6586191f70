using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports.InProcess;

namespace Mace.Benchmarks.Dispatch;

/// <summary>Two Mace nodes in one process, each on its own lane, bouncing a counter over the in-process transport.</summary>
public sealed class MaceTwoNodePingPong : IDisposable, IBounceDone
{
    private readonly RealNodeEnvironment _envA = new(new RealNodeOptions { Seed = 1 });
    private readonly RealNodeEnvironment _envB = new(new RealNodeOptions { Seed = 2 });
    private readonly Node _nodeA;
    private readonly Node _nodeB;
    private readonly Bounce _a;
    private TaskCompletionSource _done = new();

    public MaceTwoNodePingPong(bool viaTcp)
    {
        var network = new InProcessNetwork();
        _nodeA = new Node(_envA, viaTcp ? default : NodeAddress.Simulated(1));
        _nodeB = new Node(_envB, viaTcp ? default : NodeAddress.Simulated(2));
        _a = viaTcp ? Bounce.Create(_nodeA) : Bounce.Create(_nodeA, Net: network.CreateTransport(_nodeA));
        var b = viaTcp ? Bounce.Create(_nodeB) : Bounce.Create(_nodeB, Net: network.CreateTransport(_nodeB));
        _a.RegisterBounceDone(0, this);
        b.RegisterBounceDone(0, this);
        Task.WaitAll(_nodeA.StartAsync(), _nodeB.StartAsync());
    }

    public Task RunAsync(int roundTrips)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var peer = _nodeB.Address;
        _nodeA.Post(() => _a.Serve(peer, roundTrips));
        return _done.Task;
    }

    public void Finished() => _done.TrySetResult();

    public void Dispose()
    {
        Task.WaitAll(_nodeA.StopAsync(), _nodeB.StopAsync());
        _envA.Dispose();
        _envB.Dispose();
    }
}
