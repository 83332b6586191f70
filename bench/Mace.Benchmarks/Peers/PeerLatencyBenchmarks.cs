using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Jobs;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// (b) Request/response latency with one request outstanding: every iteration is a single round
/// trip, so the iterations are the latency distribution (median, P95, P99).
/// </summary>
[Config(typeof(LatencyConfig))]
public class PeerLatencyBenchmarks : PeerBenchmarkBase
{
    [Benchmark]
    public Task RoundTrip() => Messaging.RequestAsync();

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(200)
                .WithIterationCount(3000)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99));
        }
    }
}
