using BenchmarkDotNet.Attributes;

namespace Mace.Benchmarks.Tcp;

/// <summary>
/// Throughput of 100-byte messages between two endpoints on loopback: two Mace nodes through
/// TcpTransport (generated serialization, per-peer queue, framing, lane dispatch) against a plain
/// socket pair sending the same frames. Per operation: one message delivered.
/// </summary>
[MemoryDiagnoser]
public class TcpThroughputBenchmarks
{
    private const int Messages = 50_000;
    private MaceTcpStream _mace = null!;
    private PlainSocketStream _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        // 97 body bytes + 1 tag byte + 1 length byte = a 99-byte message; + 1 to round is the frame header's business.
        var body = new byte[97];
        new Random(7).NextBytes(body);
        _mace = new MaceTcpStream(body);
        _plain = new PlainSocketStream(Runtime.Payload.FromMessage(new Blast.Chunk(body)).GetBytes().ToArray());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mace.Dispose();
        _plain.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task MaceTcpTransport() => _mace.RunAsync(Messages);

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task PlainSocket() => _plain.RunAsync(Messages);
}
