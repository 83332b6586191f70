namespace Mace.Compiler.Binding;

/// <summary>Helpers over C# type text as written in a <c>.mace</c> file.</summary>
internal static class TypeText
{
    /// <summary>The text without whitespace and without a leading <c>global::</c>, for comparing two spellings.</summary>
    public static string Normalize(string type)
    {
        var builder = new System.Text.StringBuilder(type.Length);
        foreach (var c in type)
        {
            if (!char.IsWhiteSpace(c)) builder.Append(c);
        }
        var text = builder.ToString();
        return text.StartsWith("global::", StringComparison.Ordinal) ? text.Substring("global::".Length) : text;
    }

    /// <summary>True for <c>Payload</c> (a message slot), however qualified.</summary>
    public static bool IsPayload(string type)
    {
        var normalized = Normalize(type);
        return normalized is "Payload" or "Mace.Runtime.Payload";
    }

    /// <summary>True when two spellings name the same type, allowing <c>System.</c> and <c>Mace.Runtime.</c> qualification.</summary>
    public static bool SameType(string left, string right) => Unqualify(Normalize(left)) == Unqualify(Normalize(right));

    private static readonly Dictionary<string, string> s_keywords = new(StringComparer.Ordinal)
    {
        ["Boolean"] = "bool", ["Byte"] = "byte", ["SByte"] = "sbyte", ["Int16"] = "short", ["UInt16"] = "ushort",
        ["Char"] = "char", ["Int32"] = "int", ["UInt32"] = "uint", ["Int64"] = "long", ["UInt64"] = "ulong",
        ["Single"] = "float", ["Double"] = "double", ["Decimal"] = "decimal", ["String"] = "string", ["Object"] = "object",
    };

    private static string Unqualify(string type)
    {
        foreach (var prefix in new[] { "System.Collections.Generic.", "Mace.Runtime.", "System." })
        {
            if (type.StartsWith(prefix, StringComparison.Ordinal))
            {
                type = type.Substring(prefix.Length);
                return s_keywords.TryGetValue(type, out var keyword) && prefix == "System." ? keyword : type;
            }
        }
        return type;
    }

    /// <summary>Escapes <paramref name="text"/> as the contents of a C# regular string literal.</summary>
    public static string EscapeString(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
