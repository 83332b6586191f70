using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Mace.Checking;
using Mace.Compiler;
using Mace.Runtime;
using Mace.Runtime.Serialization;
using Mace.Runtime.Tracing;
using Mace.Runtime.Transports;

namespace Mace.Fuzzing;

/// <summary>An input made a target fail in a way its contract forbids: a crash for the fuzzer.</summary>
public sealed class FuzzFinding(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The untrusted inputs of Mace, one fuzz target each. A target takes any bytes and either accepts
/// them or rejects them the documented way (the exception the caller turns into a clear error:
/// <see cref="MaceFormatException"/> for frames and messages, <see cref="TraceLogFormatException"/>
/// for logs, <see cref="FormatException"/> for counterexamples, diagnostics for the compiler).
/// Anything else escapes and is a finding: AFL records the input as a crash.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets, by name.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["frame"] = Frame,
        ["message"] = Message,
        ["compiler"] = Compiler,
        ["counterexample"] = CounterexampleFile,
        ["tracelog"] = TraceLog,
    };

    private delegate object DecodeMessage(ref MaceReader reader);

    /// <summary>Every generated message of the shipped services, in a fixed order (by full name).</summary>
    public static IReadOnlyList<(Type Type, int Tag)> MessageTypes => s_messages.Select(m => (m.Type, m.Tag)).ToList();

    private static readonly List<(Type Type, int Tag, DecodeMessage Decode)> s_messages = FindMessages();

    /// <summary>
    /// A transport frame as it arrives on a socket: the length prefix (bounded by the default maximum),
    /// then the header. A frame that decodes must encode back to the same header.
    /// </summary>
    public static void Frame(byte[] input)
    {
        if (input.Length < FrameCodec.LengthPrefixSize) return;
        try
        {
            var length = FrameCodec.ReadLengthPrefix(input.AsSpan(0, FrameCodec.LengthPrefixSize), FrameCodec.DefaultMaxFrameSize);
            var body = input.AsSpan(FrameCodec.LengthPrefixSize);
            if (body.Length < length) return; // the socket would wait for the rest
            var header = FrameCodec.ReadHeader(body[..length], out var payload);
            var again = FrameCodec.Encode(header, new Payload(payload.ToArray()));
            var decoded = FrameCodec.ReadHeader(again.AsSpan(FrameCodec.LengthPrefixSize), out var payloadAgain);
            if (decoded != header || !payloadAgain.SequenceEqual(payload)) throw new FuzzFinding("a decoded frame does not survive encode and decode");
        }
        catch (MaceFormatException)
        {
        }
    }

    /// <summary>
    /// A message payload as a service's demultiplexer reads it: the first input byte picks one of the
    /// shipped messages, the rest are its fields. A message that decodes to the end must serialize to
    /// bytes that decode to the same serialization (a canonical round trip).
    /// </summary>
    public static void Message(byte[] input)
    {
        if (input.Length == 0 || s_messages.Count == 0) return;
        var (type, _, decode) = s_messages[input[0] % s_messages.Count];
        var fields = input.AsSpan(1);
        object message;
        try
        {
            var reader = new MaceReader(fields);
            message = decode(ref reader);
            reader.EnsureEnd();
        }
        catch (MaceFormatException)
        {
            return;
        }
        var first = Serialize((IMessage)message);
        try
        {
            var reader = new MaceReader(first);
            reader.ReadVarUInt32(); // the tag
            var second = Serialize((IMessage)decode(ref reader));
            reader.EnsureEnd();
            if (!first.AsSpan().SequenceEqual(second)) throw new FuzzFinding($"{type.Name} does not serialize canonically");
        }
        catch (MaceFormatException ex)
        {
            throw new FuzzFinding($"{type.Name} cannot decode its own serialization: {ex.Message}", ex);
        }
    }

    /// <summary>A <c>.mace</c> file: the compiler reports diagnostics and never fails inside (MACE9001).</summary>
    public static void Compiler(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var result = MaceCompiler.Compile("fuzz.mace", text, MaceCompilerOptions.Default);
        if (result.Diagnostics.FirstOrDefault(d => d.Id == "MACE9001") is { } internalError) throw new FuzzFinding(internalError.ToString());
    }

    /// <summary>A counterexample file as <c>mace replay</c> reads it: a counterexample, or a <see cref="FormatException"/> that says why not.</summary>
    public static void CounterexampleFile(byte[] input)
    {
        try
        {
            var counterexample = Counterexample.Parse(Encoding.UTF8.GetString(input));
            var again = Counterexample.Parse(counterexample.ToJson());
            if (again.ToJson() != counterexample.ToJson()) throw new FuzzFinding("a counterexample does not survive write and read");
        }
        catch (FormatException)
        {
        }
    }

    /// <summary>A trace log file: every record or a <see cref="TraceLogFormatException"/>, at any cut or corruption.</summary>
    public static void TraceLog(byte[] input)
    {
        try
        {
            using var reader = TraceLogReader.Open(new MemoryStream(input, writable: false), "fuzz.macelog");
            foreach (var record in reader.Records()) _ = record.Details;
        }
        catch (TraceLogFormatException)
        {
        }
    }

    /// <summary>True when the message <paramref name="input"/> selects decodes from the rest and reads it to the end.</summary>
    public static bool DecodesToEnd(byte[] input)
    {
        if (input.Length == 0 || s_messages.Count == 0) return false;
        try
        {
            var reader = new MaceReader(input.AsSpan(1));
            s_messages[input[0] % s_messages.Count].Decode(ref reader);
            reader.EnsureEnd();
            return true;
        }
        catch (MaceFormatException)
        {
            return false;
        }
    }

    private static byte[] Serialize(IMessage message)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new MaceWriter(buffer);
        message.Serialize(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static List<(Type, int, DecodeMessage)> FindMessages()
    {
        var found = new List<(Type, int, DecodeMessage)>();
        var assemblies = new[] { typeof(Mace.Services.Ping).Assembly, typeof(FrameCodec).Assembly };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => typeof(IMessage).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var method = type.GetMethod("Deserialize", BindingFlags.Public | BindingFlags.Static, [typeof(MaceReader).MakeByRefType()]);
            var tag = type.GetField("Tag", BindingFlags.Public | BindingFlags.Static);
            if (method is null || tag is null) continue;
            found.Add((type, Convert.ToInt32(tag.GetValue(null), System.Globalization.CultureInfo.InvariantCulture), method.CreateDelegate<DecodeMessage>()));
        }
        return found;
    }

    /// <summary>The names, for help text.</summary>
    public static ImmutableArray<string> Names => [.. All.Keys];
}
