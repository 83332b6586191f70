using BenchmarkDotNet.Attributes;
using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Benchmarks.Dispatch;

/// <summary>
/// Event dispatch. Per operation: one message (or one call) handled. Two services of one node:
/// a generated downcall answered by a generated upcall, inside one event. Two nodes in one
/// process: a counter bounced between two lanes, against Proto.Actor and Akka.NET actors doing
/// the same.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int RoundTrips = 10_000;
    private RealNodeEnvironment _env = null!;
    private Node _node = null!;
    private EchoUpper _upper = null!;
    private MaceTwoNodePingPong _mace = null!;
    private ProtoActorPingPong _proto = null!;
    private AkkaPingPong _akka = null!;

    [GlobalSetup]
    public void Setup()
    {
        _env = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        _node = new Node(_env, NodeAddress.Simulated(1));
        _upper = EchoUpper.Create(_node);
        _node.StartAsync().GetAwaiter().GetResult();
        _mace = new MaceTwoNodePingPong(viaTcp: false);
        _proto = new ProtoActorPingPong();
        _akka = new AkkaPingPong();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mace.Dispose();
        _proto.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _akka.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _env.Dispose();
    }

    /// <summary>Downcall + upcall between two services of one node (one call each way per operation).</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public long MaceTwoServicesOneNode()
    {
        var upper = _upper;
        _node.Execute(() =>
        {
            for (var i = 0; i < RoundTrips; i++) upper.Round(1);
        });
        return upper.Returned;
    }

    /// <summary>Messages between two nodes' lanes in one process.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips * 2)]
    public Task MaceTwoNodes() => _mace.RunAsync(RoundTrips);

    /// <summary>Messages between two Proto.Actor actors.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task ProtoActor() => _proto.RunAsync(RoundTrips);

    /// <summary>Messages between two Akka.NET actors.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task Akka() => _akka.RunAsync(RoundTrips);
}
