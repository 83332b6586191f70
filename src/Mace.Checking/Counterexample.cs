using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Mace.Checking;

/// <summary>
/// A counterexample file: the test's name, the options that shape the enabled events (and the seed
/// that found it), and the violation with its full choice sequence. <c>mace replay</c> re-executes it.
/// </summary>
public sealed record Counterexample(string Test, CheckOptions Options, Violation Violation)
{
    /// <summary>The file format version written and understood.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// The full path of the assembly that declares <see cref="Test"/>, when it is not one the
    /// reader already knows (a user's test assembly); <c>mace replay FILE</c> loads it from here.
    /// </summary>
    public string? Assembly { get; init; }

    /// <summary>The JSON text of the file (indented, stable field order).</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteString("test", Test);
            if (Assembly is not null) json.WriteString("assembly", Assembly);
            json.WriteNumber("seed", Options.Seed);
            json.WriteStartObject("options");
            json.WriteNumber("depth", Options.Depth);
            json.WriteNumber("walks", Options.Walks);
            json.WriteNumber("maxSteps", Options.MaxSteps);
            json.WriteString("faults", FaultText.Format(Options.Faults));
            json.WriteNumber("maxCrashes", Options.MaxCrashes);
            json.WriteNumber("maxRestarts", Options.MaxRestarts);
            json.WriteNumber("maxLosses", Options.MaxLosses);
            json.WriteNumber("maxErrors", Options.MaxErrors);
            json.WriteString("time", Options.Time.ToString());
            json.WriteNumber("randDoubleBuckets", Options.RandDoubleBuckets);
            json.WriteEndObject();
            json.WriteStartObject("violation");
            json.WriteString("kind", Violation.Kind.ToString());
            json.WriteString("property", Violation.Property);
            json.WriteString("message", Violation.Message);
            json.WriteNumber("steps", Violation.Steps);
            if (Violation.CriticalStep is { } critical) json.WriteNumber("criticalStep", critical);
            json.WriteStartArray("choices");
            foreach (var choice in Violation.Choices) json.WriteNumberValue(choice);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>
    /// Reads a file written by <see cref="ToJson"/>; anything else (not JSON, a missing or mistyped
    /// field, an unknown name) is a <see cref="FormatException"/> that says what is wrong.
    /// </summary>
    public static Counterexample Parse(string json)
    {
        try
        {
            return Read(json);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or OverflowException)
        {
            var why = ex is KeyNotFoundException ? "a field is missing" : ex.Message;
            throw new FormatException($"not a counterexample file: {why}", ex);
        }
    }

    private static Counterexample Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.GetProperty("format").GetInt32();
        if (format != FormatVersion) throw new FormatException($"counterexample format {format} is not supported (expected {FormatVersion})");
        var o = root.GetProperty("options");
        var options = new CheckOptions
        {
            Seed = root.GetProperty("seed").GetUInt64(),
            Depth = o.GetProperty("depth").GetInt32(),
            Walks = o.GetProperty("walks").GetInt32(),
            MaxSteps = o.GetProperty("maxSteps").GetInt32(),
            Faults = FaultText.Parse(Text(o, "faults")),
            MaxCrashes = o.GetProperty("maxCrashes").GetInt32(),
            MaxRestarts = o.GetProperty("maxRestarts").GetInt32(),
            MaxLosses = o.GetProperty("maxLosses").GetInt32(),
            MaxErrors = o.GetProperty("maxErrors").GetInt32(),
            Time = Name<TimeMode>(o, "time"),
            RandDoubleBuckets = o.GetProperty("randDoubleBuckets").GetInt32(),
        };
        var v = root.GetProperty("violation");
        var choices = v.GetProperty("choices").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var violation = new Violation(Name<ViolationKind>(v, "kind"), Text(v, "property"), choices, v.GetProperty("steps").GetInt32(), Text(v, "message"))
        {
            CriticalStep = v.TryGetProperty("criticalStep", out var c) ? c.GetInt32() : null,
        };
        return new Counterexample(Text(root, "test"), options, violation)
        {
            Assembly = root.TryGetProperty("assembly", out var assembly) ? assembly.GetString() : null,
        };
    }

    private static string Text(JsonElement parent, string name) =>
        parent.GetProperty(name).GetString() ?? throw new FormatException($"not a counterexample file: '{name}' is null");

    private static T Name<T>(JsonElement parent, string name)
        where T : struct, Enum
    {
        var text = Text(parent, name);
        // Names only: Enum.TryParse would also take any number.
        return Enum.GetNames<T>().Contains(text, StringComparer.Ordinal)
            ? Enum.Parse<T>(text)
            : throw new FormatException($"not a counterexample file: '{name}' is '{text}', not one of {string.Join(", ", Enum.GetNames<T>())}");
    }
}
