using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Mace.Benchmarks.Tcp;
using Mace.Runtime.Tracing;
using TraceLevel = Mace.Runtime.Tracing.TraceLevel;

namespace Mace.Benchmarks.Tracing;

/// <summary>
/// Tracing over real TCP: the TCP throughput stream (100-byte messages, one node to another on
/// 127.0.0.1, one delivery event per message), untraced against both nodes traced into a
/// <see cref="TraceLogWriter"/> over <see cref="Stream.Null"/> at Off, Low, Med and High; and the
/// untraced stream on a causal path (every frame carries the trace id, every delivery joins the
/// path), without and with a listener taking a live span per delivery. Per operation: one message.
/// </summary>
[MemoryDiagnoser]
public class TracedTcpBenchmarks
{
    private const int Messages = 50_000;
    private MaceTcpStream _stream = null!;
    private TraceLogWriter? _writer;
    private ActivityListener? _listener;

    /// <summary>None: no sink; Off..High: the level every service traces at; Path: no sink, on a path; PathSpans: on a path with a span per event.</summary>
    [Params("None", "Off", "Low", "Med", "High", "Path", "PathSpans")]
    public string Tracing { get; set; } = "None";

    [GlobalSetup]
    public void Setup()
    {
        var body = new byte[97];
        new Random(7).NextBytes(body);
        var level = Tracing is "Off" or "Low" or "Med" or "High" ? Enum.Parse<TraceLevel>(Tracing) : (TraceLevel?)null;
        if (level is not null) _writer = new TraceLogWriter(Stream.Null);
        if (Tracing == "PathSpans")
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == MaceActivity.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_listener);
        }
        _stream = new MaceTcpStream(body, _writer, level, onPath: Tracing.StartsWith("Path", StringComparison.Ordinal));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stream.Dispose();
        _writer?.Dispose();
        _listener?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task StreamHundredByteMessages() => _stream.RunAsync(Messages);
}
