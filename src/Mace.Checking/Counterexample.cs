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

    /// <summary>Reads a file written by <see cref="ToJson"/>.</summary>
    public static Counterexample Parse(string json)
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
            Faults = FaultText.Parse(o.GetProperty("faults").GetString() ?? ""),
            MaxCrashes = o.GetProperty("maxCrashes").GetInt32(),
            MaxRestarts = o.GetProperty("maxRestarts").GetInt32(),
            MaxLosses = o.GetProperty("maxLosses").GetInt32(),
            MaxErrors = o.GetProperty("maxErrors").GetInt32(),
            Time = Enum.Parse<TimeMode>(o.GetProperty("time").GetString()!),
            RandDoubleBuckets = o.GetProperty("randDoubleBuckets").GetInt32(),
        };
        var v = root.GetProperty("violation");
        var choices = v.GetProperty("choices").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var violation = new Violation(
            Enum.Parse<ViolationKind>(v.GetProperty("kind").GetString()!),
            v.GetProperty("property").GetString()!,
            choices,
            v.GetProperty("steps").GetInt32(),
            v.GetProperty("message").GetString()!)
        {
            CriticalStep = v.TryGetProperty("criticalStep", out var c) ? c.GetInt32() : null,
        };
        return new Counterexample(root.GetProperty("test").GetString()!, options, violation)
        {
            Assembly = root.TryGetProperty("assembly", out var assembly) ? assembly.GetString() : null,
        };
    }
}
