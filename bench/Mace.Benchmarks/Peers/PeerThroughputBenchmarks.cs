using BenchmarkDotNet.Attributes;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// (a) Throughput: one sender streams 100-byte one-way messages to one receiver on 127.0.0.1.
/// Per operation: one message delivered (the time per message; its inverse is messages per second).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PeerThroughputBenchmarks : PeerBenchmarkBase
{
    private const int Messages = 20_000;

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Stream() => Messaging.StreamAsync(Messages);
}
