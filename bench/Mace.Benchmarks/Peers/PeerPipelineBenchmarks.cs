using BenchmarkDotNet.Attributes;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// (c) Request/response with 64 requests outstanding: 20,000 requests per invocation, a new one
/// sent as each response arrives. Per operation: one request answered.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PeerPipelineBenchmarks : PeerBenchmarkBase
{
    private const int Requests = 20_000;
    private const int Window = 64;

    [Benchmark(OperationsPerInvoke = Requests)]
    public Task Pipeline() => Messaging.PipelineAsync(Requests, Window);
}
