using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

/// <summary>
/// Serialization code for <see cref="WireType"/>s: statements over <c>writer</c>/<c>reader</c>.
/// Collections are written inline as a length (-1 for null) and their elements; every count read
/// is checked against the bytes left (<c>ReadLength</c>/<c>ReadCount</c>), a duplicate set element
/// or map key is a <c>MaceFormatException</c>, and a null where the type forbids it is one too.
/// </summary>
internal sealed partial class CSharpEmitter
{
    private const string FormatException = "global::Mace.Runtime.Serialization.MaceFormatException";

    private readonly Dictionary<string, int> _temps = new(StringComparer.Ordinal);

    /// <summary>Forgets the temporaries of the previous generated method.</summary>
    private void ResetTemps() => _temps.Clear();

    /// <summary>A fresh local name in the current generated method: <c>__e</c>, then <c>__e1</c>, <c>__e2</c>...</summary>
    private string Temp(string prefix)
    {
        _temps.TryGetValue(prefix, out var count);
        _temps[prefix] = count + 1;
        return count == 0 ? prefix : prefix + Invariant(count);
    }

    private void WriteValue(WireType type, string expression, int depth)
    {
        switch (type.Kind)
        {
            case WireKind.Scalar:
                _w.WriteLine("writer.Write" + type.Method + "(" + expression + ");");
                break;
            case WireKind.Bytes:
                _w.WriteLine("writer.WriteBytes(" + expression + ");");
                break;
            case WireKind.AutoType:
                _w.WriteLine(AutoTypeReference(type) + ".Write(ref writer, " + expression + ");");
                break;
            case WireKind.Nullable:
                var value = Temp("__v");
                _w.WriteLine("if (" + expression + " is { } " + value + ")");
                _w.OpenBrace();
                _w.WriteLine("writer.WriteBoolean(true);");
                WriteValue(type.Element!, value, depth + 1);
                _w.CloseBrace();
                _w.WriteLine("else");
                _w.OpenBrace();
                _w.WriteLine("writer.WriteBoolean(false);");
                _w.CloseBrace();
                break;
            default:
                WriteCollection(type, expression, depth);
                break;
        }
    }

    private void WriteCollection(WireType type, string expression, int depth)
    {
        if (type.AllowsNull)
        {
            _w.WriteLine("if (" + expression + " is null)");
            _w.OpenBrace();
            _w.WriteLine("writer.WriteLength(-1);");
            _w.CloseBrace();
            _w.WriteLine("else");
            _w.OpenBrace();
        }
        var count = type.Container == "Array" ? ".Length" : ".Count";
        var element = Temp("__e");
        _w.WriteLine("writer.WriteLength(" + expression + count + ");");
        _w.WriteLine("foreach (var " + element + " in " + expression + ")");
        _w.OpenBrace();
        if (type.Kind == WireKind.Map)
        {
            WriteValue(type.Element!, element + ".Key", depth + 1);
            WriteValue(type.Value!, element + ".Value", depth + 1);
        }
        else
        {
            WriteValue(type.Element!, element, depth + 1);
        }
        _w.CloseBrace();
        if (type.AllowsNull) _w.CloseBrace();
    }

    /// <summary>Declares <paramref name="target"/> and reads it.</summary>
    private void ReadValue(WireType type, string target, int depth)
    {
        switch (type.Kind)
        {
            case WireKind.Scalar or WireKind.Bytes or WireKind.AutoType:
                _w.WriteLine("var " + target + " = " + ReadExpression(type) + ";");
                break;
            case WireKind.Nullable:
                _w.WriteLine(type.Text + " " + target + " = reader.ReadBoolean() ? " + ReadExpression(type.Element!) + " : null;");
                break;
            default:
                ReadCollection(type, target, depth);
                break;
        }
    }

    /// <summary>An auto_type's fully qualified name: a field may share its name and hide it.</summary>
    private string AutoTypeReference(WireType type) => "global::" + _unit.Namespace + "." + Service.Name + "." + type.Text;

    private string ReadExpression(WireType type)
    {
        var read = type.Kind switch
        {
            WireKind.Bytes => "reader.ReadBytes()",
            WireKind.AutoType => AutoTypeReference(type) + ".Read(ref reader)",
            _ => "reader.Read" + type.Method + "()",
        };
        return type.IsNonNullableReference ? read + " ?? throw new " + FormatException + "(\"null where a value was required\", reader.Position)" : read;
    }

    private void ReadCollection(WireType type, string target, int depth)
    {
        var count = Temp("__n");
        var index = Temp("__i");
        var minSize = Invariant(type.Kind == WireKind.Map ? type.Element!.MinSize + type.Value!.MinSize : type.Element!.MinSize);
        var collection = type.AllowsNull ? Temp("__c") : target;
        if (type.AllowsNull)
        {
            _w.WriteLine(type.Text + "? " + target + " = null;");
            _w.WriteLine("var " + count + " = reader.ReadLength(" + minSize + ");");
            _w.WriteLine("if (" + count + " >= 0)");
            _w.OpenBrace();
        }
        else
        {
            _w.WriteLine("var " + count + " = reader.ReadCount(" + minSize + ");");
        }
        _w.WriteLine("var " + collection + " = " + NewCollection(type, count) + ";");
        _w.WriteLine("for (var " + index + " = 0; " + index + " < " + count + "; " + index + "++)");
        _w.OpenBrace();
        var item = Temp("__x");
        if (type.Kind == WireKind.Map)
        {
            var key = Temp("__k");
            ReadValue(type.Element!, key, depth + 1);
            ReadValue(type.Value!, item, depth + 1);
            _w.WriteLine("if (!" + collection + ".TryAdd(" + key + ", " + item + ")) throw new " + FormatException + "(\"duplicate key\", reader.Position);");
        }
        else
        {
            ReadValue(type.Element!, item, depth + 1);
            _w.WriteLine(type.Container switch
            {
                "Array" => collection + "[" + index + "] = " + item + ";",
                "List" => collection + ".Add(" + item + ");",
                _ => "if (!" + collection + ".Add(" + item + ")) throw new " + FormatException + "(\"duplicate element\", reader.Position);",
            });
        }
        _w.CloseBrace();
        if (type.AllowsNull)
        {
            _w.WriteLine(target + " = " + collection + ";");
            _w.CloseBrace();
        }
    }

    private static string NewCollection(WireType type, string count)
    {
        switch (type.Container)
        {
            case "Array":
                var element = type.Element!.Text;
                var bracket = element.IndexOf('[');
                return bracket < 0 ? "new " + element + "[" + count + "]" : "new " + element.Substring(0, bracket) + "[" + count + "]" + element.Substring(bracket);
            case "SortedSet" or "SortedDictionary":
                return "new " + type.Text + "()";
            default:
                return "new " + type.Text + "(" + count + ")";
        }
    }
}
