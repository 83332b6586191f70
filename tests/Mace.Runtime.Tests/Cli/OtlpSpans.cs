using System.Text;

namespace Mace.Runtime.Tests.Cli;

/// <summary>One span as an OTLP/http collector received it: ids in hex, its name and its string and integer attributes.</summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (protobuf), enough for tests:
/// resource_spans (1) > scope_spans (2) > spans (2) > trace_id (1), span_id (2), parent_span_id (4),
/// name (5), attributes (9: key 1, value 2: string 1 or int 3). Every other field is skipped.
/// </summary>
internal static class OtlpSpans
{
    public static List<OtlpSpan> Read(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Messages(request))
        {
            if (field != 1) continue;
            foreach (var (f2, scopeSpans) in Messages(resourceSpans))
            {
                if (f2 != 2) continue;
                foreach (var (f3, span) in Messages(scopeSpans))
                {
                    if (f3 == 2) spans.Add(ReadSpan(span));
                }
            }
        }
        return spans;
    }

    private static OtlpSpan ReadSpan(byte[] span)
    {
        string trace = "", id = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, bytes) in Messages(span))
        {
            switch (field)
            {
                case 1: trace = Convert.ToHexStringLower(bytes); break;
                case 2: id = Convert.ToHexStringLower(bytes); break;
                case 4: parent = Convert.ToHexStringLower(bytes); break;
                case 5: name = Encoding.UTF8.GetString(bytes); break;
                case 9:
                    string key = "", value = "";
                    foreach (var (f, part) in Messages(bytes))
                    {
                        if (f == 1) key = Encoding.UTF8.GetString(part);
                        else if (f == 2) value = AnyValue(part);
                    }
                    attributes[key] = value;
                    break;
            }
        }
        return new OtlpSpan(trace, id, parent, name, attributes);
    }

    private static string AnyValue(byte[] value)
    {
        var at = 0;
        while (at < value.Length)
        {
            var tag = Varint(value, ref at);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            if (field == 1 && wire == 2) return Encoding.UTF8.GetString(LengthDelimited(value, ref at));
            if (field == 3 && wire == 0) return ((long)Varint(value, ref at)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Skip(value, ref at, wire);
        }
        return "";
    }

    // The length-delimited fields of a message (sub-messages, strings, bytes); other wire types are skipped.
    private static IEnumerable<(int Field, byte[] Bytes)> Messages(byte[] message)
    {
        var at = 0;
        var fields = new List<(int, byte[])>();
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            if (wire == 2) fields.Add((field, LengthDelimited(message, ref at)));
            else Skip(message, ref at, wire);
        }
        return fields;
    }

    private static byte[] LengthDelimited(byte[] data, ref int at)
    {
        var length = (int)Varint(data, ref at);
        var bytes = data.AsSpan(at, length).ToArray();
        at += length;
        return bytes;
    }

    private static void Skip(byte[] data, ref int at, int wire)
    {
        switch (wire)
        {
            case 0: Varint(data, ref at); break;
            case 1: at += 8; break;
            case 5: at += 4; break;
            default: throw new FormatException($"protobuf wire type {wire} at {at}");
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
