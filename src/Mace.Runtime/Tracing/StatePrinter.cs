using System.Collections;
using System.Globalization;
using System.Text;

namespace Mace.Runtime.Tracing;

/// <summary>Formats state values for printing: collections element by element, invariant culture, deterministic.</summary>
public static class StatePrinter
{
    /// <summary>A one-line, culture-invariant rendering of <paramref name="value"/>.</summary>
    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, depth: 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case string s:
                builder.Append('"').Append(s).Append('"');
                return;
            case IFormattable f:
                builder.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary when depth < 4:
                builder.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!first) builder.Append(", ");
                    first = false;
                    Append(builder, entry.Key, depth + 1);
                    builder.Append(": ");
                    Append(builder, entry.Value, depth + 1);
                }
                builder.Append('}');
                return;
            case IEnumerable sequence when depth < 4:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in sequence)
                {
                    if (!firstItem) builder.Append(", ");
                    firstItem = false;
                    Append(builder, item, depth + 1);
                }
                builder.Append(']');
                return;
            default:
                builder.Append(value);
                return;
        }
    }
}
