using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// Decides whether a C# type (as text) is serializable by generated code, and how: the scalars the
/// runtime's <c>MaceWriter</c> knows, <c>byte[]</c>, the collections List/HashSet/SortedSet/arrays,
/// Dictionary/SortedDictionary, nullable value types, auto_types, and typedef aliases of these.
/// Parsed with Roslyn, never by hand.
/// </summary>
internal sealed class WireTypeClassifier
{
    private static readonly Dictionary<string, (string Method, int MinSize, bool IsValueType)> s_scalars = new(StringComparer.Ordinal)
    {
        ["bool"] = ("Boolean", 1, true), ["Boolean"] = ("Boolean", 1, true),
        ["byte"] = ("Byte", 1, true), ["Byte"] = ("Byte", 1, true),
        ["sbyte"] = ("SByte", 1, true), ["SByte"] = ("SByte", 1, true),
        ["short"] = ("Int16", 2, true), ["Int16"] = ("Int16", 2, true),
        ["ushort"] = ("UInt16", 2, true), ["UInt16"] = ("UInt16", 2, true),
        ["char"] = ("Char", 2, true), ["Char"] = ("Char", 2, true),
        ["int"] = ("Int32", 4, true), ["Int32"] = ("Int32", 4, true),
        ["uint"] = ("UInt32", 4, true), ["UInt32"] = ("UInt32", 4, true),
        ["long"] = ("Int64", 8, true), ["Int64"] = ("Int64", 8, true),
        ["ulong"] = ("UInt64", 8, true), ["UInt64"] = ("UInt64", 8, true),
        ["float"] = ("Single", 4, true), ["Single"] = ("Single", 4, true),
        ["double"] = ("Double", 8, true), ["Double"] = ("Double", 8, true),
        ["string"] = ("String", 1, false), ["String"] = ("String", 1, false),
        ["DateTime"] = ("DateTime", 8, true),
        ["TimeSpan"] = ("TimeSpan", 8, true),
        ["Guid"] = ("Guid", 16, true),
        ["NodeAddress"] = ("NodeAddress", 1, true),
        ["Key"] = ("Key", 20, true),
        ["KeyRange"] = ("KeyRange", 1, true),
        ["Payload"] = ("Payload", 1, true),
    };

    private readonly IReadOnlyDictionary<string, string> _typedefs;
    private readonly IReadOnlyCollection<string> _autoTypes;

    public WireTypeClassifier(IReadOnlyDictionary<string, string> typedefs, IReadOnlyCollection<string> autoTypes)
    {
        _typedefs = typedefs;
        _autoTypes = autoTypes;
    }

    /// <summary>The wire form of <paramref name="typeText"/>, or null when it is not serializable.</summary>
    public WireType? Classify(string typeText) => Classify(typeText, depth: 0);

    private WireType? Classify(string typeText, int depth)
    {
        if (depth > 16) return null;
        var type = SyntaxFactory.ParseTypeName(typeText);
        if (type.ContainsDiagnostics || type.FullSpan.Length != typeText.Length) return null;
        return Classify(type, depth);
    }

    private WireType? Classify(TypeSyntax type, int depth)
    {
        var text = type.ToString();
        switch (type)
        {
            case PredefinedTypeSyntax predefined:
                return Scalar(predefined.Keyword.Text, text);
            case NullableTypeSyntax nullable:
                return ClassifyNullable(nullable, depth);
            case ArrayTypeSyntax array:
                return ClassifyArray(array, depth);
            case AliasQualifiedNameSyntax alias when alias.Alias.Identifier.Text == "global":
                return ClassifyName(alias.Name, Prefix(null), text, depth);
            case QualifiedNameSyntax qualified:
                return ClassifyName(qualified.Right, Prefix(qualified.Left), text, depth);
            case SimpleNameSyntax simple:
                return ClassifyName(simple, string.Empty, text, depth);
            default:
                return null;
        }
    }

    private static string Prefix(NameSyntax? left)
    {
        if (left is null) return string.Empty;
        var text = left.ToString().Replace(" ", string.Empty);
        return text.StartsWith("global::", StringComparison.Ordinal) ? text.Substring(8) : text;
    }

    private WireType? ClassifyName(SimpleNameSyntax name, string prefix, string text, int depth)
    {
        var identifier = name.Identifier.Text;
        if (name is GenericNameSyntax generic)
        {
            if (prefix is not ("" or "System.Collections.Generic" or "System")) return null;
            var arguments = generic.TypeArgumentList.Arguments;
            switch (identifier)
            {
                case "Nullable" when arguments.Count == 1 && prefix is "" or "System":
                    return NullableOf(Classify(arguments[0], depth + 1), text);
                case "List" or "HashSet" or "SortedSet" when arguments.Count == 1 && prefix != "System":
                    var element = Classify(arguments[0], depth + 1);
                    return element is null ? null : new WireType(WireKind.Sequence, text, Container: identifier, Element: element);
                case "Dictionary" or "SortedDictionary" when arguments.Count == 2 && prefix != "System":
                    var key = Classify(arguments[0], depth + 1);
                    var value = Classify(arguments[1], depth + 1);
                    return key is null || value is null ? null : new WireType(WireKind.Map, text, Container: identifier, Element: key, Value: value);
                default:
                    return null;
            }
        }
        if (prefix.Length == 0)
        {
            if (_autoTypes.Contains(identifier)) return new WireType(WireKind.AutoType, text);
            if (_typedefs.TryGetValue(identifier, out var target))
            {
                var resolved = Classify(target, depth + 1);
                return resolved is null ? null : resolved with { Text = resolved.Kind is WireKind.Sequence or WireKind.Map ? text : resolved.Text };
            }
        }
        var scalarAllowed = prefix.Length == 0
            || (prefix == "System" && identifier is not ("NodeAddress" or "Key" or "KeyRange" or "Payload"))
            || (prefix == "Mace.Runtime" && identifier is "NodeAddress" or "Key" or "KeyRange" or "Payload");
        return scalarAllowed ? Scalar(identifier, text) : null;
    }

    private static WireType? Scalar(string name, string text)
    {
        if (!s_scalars.TryGetValue(name, out var scalar)) return null;
        return new WireType(WireKind.Scalar, text, Method: scalar.Method, MinSize: scalar.MinSize);
    }

    private WireType? ClassifyNullable(NullableTypeSyntax nullable, int depth) =>
        NullableOf(Classify(nullable.ElementType, depth + 1), nullable.ToString());

    private static WireType? NullableOf(WireType? inner, string text)
    {
        if (inner is null) return null;
        if (inner.Kind is WireKind.Bytes or WireKind.Sequence or WireKind.Map) return inner with { AllowsNull = true };
        if (inner.Kind == WireKind.Scalar && inner.Method == "String") return inner with { AllowsNull = true };
        if (inner.Kind == WireKind.Nullable) return inner;
        return new WireType(WireKind.Nullable, text, Element: inner, AllowsNull: true);
    }

    private WireType? ClassifyArray(ArrayTypeSyntax array, int depth)
    {
        if (array.RankSpecifiers.Any(r => r.Rank != 1)) return null;
        var elementText = array.ElementType.ToString();
        for (var i = 0; i < array.RankSpecifiers.Count - 1; i++) elementText += "[]";
        if (array.RankSpecifiers.Count == 1 && array.ElementType is PredefinedTypeSyntax { Keyword.Text: "byte" })
        {
            return new WireType(WireKind.Bytes, array.ToString());
        }
        var element = Classify(elementText, depth + 1);
        return element is null ? null : new WireType(WireKind.Sequence, array.ToString(), Container: "Array", Element: element);
    }
}
