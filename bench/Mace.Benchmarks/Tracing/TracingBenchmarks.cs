using BenchmarkDotNet.Attributes;
using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Runtime.Tracing;

namespace Mace.Benchmarks.Tracing;

/// <summary>
/// What tracing costs per event: a generated downcall answered by a generated upcall (two events
/// with one int parameter each) on one node, with no sink (tracing off), with a sink but the level
/// overridden to Off (the disabled-level comparison), at Low into a sink that drops records (the
/// formatting), and at Low and High into a <see cref="TraceLogWriter"/> over <see cref="Stream.Null"/>
/// (the encoding, without the disk).
/// </summary>
[MemoryDiagnoser]
public class TracingBenchmarks
{
    private const int Rounds = 10_000;
    private RealNodeEnvironment _env = null!;
    private Node _node = null!;
    private EchoUpper _upper = null!;
    private TraceLogWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _env = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        _node = new Node(_env, NodeAddress.Simulated(1));
        _upper = EchoUpper.Create(_node);
        _node.StartAsync().GetAwaiter().GetResult();
        _writer = new TraceLogWriter(Stream.Null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _env.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rounds * 2)]
    public long NoSink() => Run(null, null);

    [Benchmark(OperationsPerInvoke = Rounds * 2)]
    public long SinkButLevelOff() => Run(DroppingSink.Instance, TraceLevel.Off);

    [Benchmark(OperationsPerInvoke = Rounds * 2)]
    public long LowIntoDroppingSink() => Run(DroppingSink.Instance, TraceLevel.Low);

    [Benchmark(OperationsPerInvoke = Rounds * 2)]
    public long LowIntoTraceLog() => Run(_writer, TraceLevel.Low);

    [Benchmark(OperationsPerInvoke = Rounds * 2)]
    public long HighIntoTraceLog() => Run(_writer, TraceLevel.High);

    private long Run(ITraceSink? sink, TraceLevel? level)
    {
        _node.TraceSink = sink;
        _node.TraceLevelOverride = level;
        var upper = _upper;
        _node.Execute(() =>
        {
            for (var i = 0; i < Rounds; i++) upper.Round(1);
        });
        return upper.Returned;
    }

    private sealed class DroppingSink : ITraceSink
    {
        public static readonly DroppingSink Instance = new();

        public void Record(in TraceRecord record)
        {
        }
    }
}
