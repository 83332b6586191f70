using System.Net;
using System.Text;
using Mace.Checking;
using Mace.Runtime;
using Mace.Runtime.Serialization;
using Mace.Runtime.Tracing;
using Mace.Runtime.Transports;

namespace Mace.Fuzzing;

/// <summary>
/// The seed corpus (committed under fuzz/corpus): real inputs of each kind, small, so the fuzzer
/// starts from well-formed bytes: encoded frames, the smallest encoding of every shipped message,
/// the shipped .mace files under 6 KB, counterexamples and short trace logs.
/// </summary>
public static class SeedCorpus
{
    /// <summary>Writes one folder per target under <paramref name="root"/>; returns the seed count of each.</summary>
    public static IEnumerable<(string Target, int Count)> Write(string root)
    {
        yield return ("frame", WriteAll(root, "frame", Frames()));
        yield return ("message", WriteAll(root, "message", Messages()));
        yield return ("compiler", WriteAll(root, "compiler", MaceFiles()));
        yield return ("counterexample", WriteAll(root, "counterexample", Counterexamples()));
        yield return ("tracelog", WriteAll(root, "tracelog", TraceLogs()));
    }

    private static int WriteAll(string root, string target, IEnumerable<(string Name, byte[] Bytes)> seeds)
    {
        var folder = Path.Combine(root, target);
        Directory.CreateDirectory(folder);
        var count = 0;
        foreach (var (name, bytes) in seeds)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            count++;
        }
        return count;
    }

    private static IEnumerable<(string, byte[])> Frames()
    {
        var a = NodeAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 5000));
        var b = NodeAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 6001));
        var simulated = NodeAddress.Simulated(12);
        yield return ("empty-payload", FrameCodec.Encode(new FrameHeader(a, b, 1, PathContext.None), new Payload(Array.Empty<byte>())));
        yield return ("ping", FrameCodec.Encode(new FrameHeader(b, a, 3, PathContext.FromSenderEvent(42)), new Payload(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 })));
        yield return ("simulated", FrameCodec.Encode(new FrameHeader(simulated, a, 7, PathContext.FromSenderEvent(1)), new Payload(Encoding.UTF8.GetBytes("hello"))));
        // On a causal path with a live span: the trace id, the span's id, and the sender event after them.
        var path = new PathContext(System.Diagnostics.ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736"), System.Diagnostics.ActivitySpanId.CreateFromString("00f067aa0ba902b7"), 1);
        yield return ("on-path", FrameCodec.Encode(new FrameHeader(a, b, 5, path, FrameHeader.SenderEventFollowsFlag) { SenderEventField = 77 }, new Payload(new byte[] { 2, 0 })));
    }

    // For each message, the shortest run of zero bytes, or failing that of one bytes, that its
    // decoder reads to the end (zeros are nulls, empty collections and zero numbers; ones are empty
    // strings and arrays, true, IPv4 addresses), behind the byte that selects it.
    private static IEnumerable<(string, byte[])> Messages()
    {
        var types = FuzzTargets.MessageTypes;
        for (var i = 0; i < types.Count && i < 256; i++)
        {
            byte[]? seed = null;
            foreach (var fill in new byte[] { 0, 1 })
            {
                for (var length = 0; length <= 64 && seed is null; length++)
                {
                    var candidate = new byte[1 + length];
                    Array.Fill(candidate, fill);
                    candidate[0] = (byte)i;
                    if (FuzzTargets.DecodesToEnd(candidate)) seed = candidate;
                }
            }
            seed ??= [(byte)i, .. new byte[16]];
            yield return ($"{i:000}-{types[i].Type.Name}", seed);
        }
    }

    private static IEnumerable<(string, byte[])> MaceFiles()
    {
        var repository = FindRepository();
        if (repository is null) yield break;
        foreach (var file in new[] { "src", "samples" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(repository, d), "*.mace", SearchOption.AllDirectories))
                     .Where(f => new FileInfo(f).Length < 6 * 1024).Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(file), File.ReadAllBytes(file));
        }
    }

    private static IEnumerable<(string, byte[])> Counterexamples()
    {
        var safety = new Counterexample("TwoPhaseCommit.Atomicity", new CheckOptions { Seed = 7, Depth = 12 }, new Violation(ViolationKind.Safety, "Atomicity", [0, 1, 1, 0, 2], 5, "a participant committed and another aborted"));
        var liveness = new Counterexample("UdpJoin", new CheckOptions { Seed = 42, Depth = 3, Walks = 5, MaxSteps = 6, Faults = FaultKinds.Crash | FaultKinds.Error, MaxCrashes = 2, Time = TimeMode.Advancing, RandDoubleBuckets = 8 },
            new Violation(ViolationKind.Liveness, "AllJoined", [1, 0, 2], 3, "not live") { CriticalStep = 2 });
        yield return ("safety.counterexample.json", Encoding.UTF8.GetBytes(safety.ToJson()));
        yield return ("liveness.counterexample.json", Encoding.UTF8.GetBytes(liveness.ToJson()));
    }

    private static IEnumerable<(string, byte[])> TraceLogs()
    {
        var start = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        using var stream = new MemoryStream();
        using (var writer = new TraceLogWriter(stream))
        {
            NodeAddress zero = NodeAddress.Simulated(0), one = NodeAddress.Simulated(1);
            writer.Record(new TraceRecord(start, zero, "Ping", "MaceInit", null, null) { EventId = 1 });
            writer.Record(new TraceRecord(start.AddMilliseconds(3), one, "Ping", "Deliver(PingMsg)", "src=sim:0 seq=1", null) { EventId = 2, Cause = new CausalLink(zero, 1) });
            writer.Record(new TraceRecord(start.AddMilliseconds(9), zero, "Ping", "Deliver(PongMsg)", "src=sim:1 seq=1", "LastHeard=[sim:1]") { EventId = 3, Cause = new CausalLink(one, 2) });
        }
        yield return ("three-records.macelog", stream.ToArray());
    }

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mace.slnx"))) return dir.FullName;
        }
        return null;
    }
}
