using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

/// <summary>
/// Local aspects. The service keeps a shadow copy of each watched state variable only; at the end
/// of every outermost event (<c>IEndOfEventHook</c>) it compares each with the current value, runs
/// every aspect (guard permitting) one of whose variables changed, passing the shadow copies as the
/// old values, then re-takes the copies of the changed variables. Value semantics: a serializable
/// collection is deep-copied and compared by content (ordered collections element by element in
/// order, sets by membership, maps by key and value); other types are copied by assignment and
/// compared with <c>EqualityComparer&lt;T&gt;.Default</c>. Changes made by aspects themselves are absorbed.
/// </summary>
internal sealed partial class CSharpEmitter
{
    private void EmitAspects(BoundService service)
    {
        if (service.Aspects.IsEmpty) return;
        _w.WriteLine("// ---- aspects: shadow copies of watched state, checked at the end of each outermost event");
        foreach (var variable in service.WatchedVariables)
        {
            _w.WriteLine("private " + variable.Type + " __shadow_" + variable.Name + " = default!;");
        }
        _w.WriteLine();
        _w.WriteLine("private void __TakeSnapshots()");
        _w.OpenBrace();
        foreach (var variable in service.WatchedVariables)
        {
            _w.WriteLine("__shadow_" + variable.Name + " = " + CopyExpression(variable.Wire, variable.Type, variable.Name, 0) + ";");
        }
        _w.CloseBrace();
        _w.WriteLine();
        _w.WriteLine("void global::Mace.Runtime.IEndOfEventHook.OnEndOfEvent()");
        _w.OpenBrace();
        ResetTemps();
        foreach (var variable in service.WatchedVariables)
        {
            _w.WriteLine("var __changed_" + variable.Name + " = !(" + SameExpression(variable.Wire, variable.Type, "__shadow_" + variable.Name, variable.Name, 0) + ");");
        }
        _w.WriteLine("if (!(" + string.Join(" || ", service.WatchedVariables.Select(v => "__changed_" + v.Name)) + ")) return;");
        foreach (var variable in service.WatchedVariables)
        {
            _w.WriteLine("var __old_" + variable.Name + " = __shadow_" + variable.Name + "!;");
            _w.WriteLine("if (__changed_" + variable.Name + ") __shadow_" + variable.Name + " = " + CopyExpression(variable.Wire, variable.Type, variable.Name, 0) + ";");
        }
        foreach (var aspect in service.Aspects)
        {
            var changed = string.Join(" || ", aspect.AspectVariables.Select(v => "__changed_" + v.Name));
            var arguments = string.Join(", ", aspect.AspectVariables.Select(v => "__old_" + v.Name));
            var once = aspect.Once ? "!" + aspect.OnceField + " && " : string.Empty;
            var set = aspect.Once ? aspect.OnceField + " = true; " : string.Empty;
            _w.WriteLine("if ((" + changed + ") && " + once + aspect.GuardName + "(" + arguments + ")) { " + set + aspect.MethodName + "(" + arguments + "); }");
        }
        _w.WriteLine("__TakeSnapshots();");
        _w.CloseBrace();
        _w.WriteLine();
    }

    /// <summary>A deep copy of <paramref name="expression"/> (immutable values are shared).</summary>
    private static string CopyExpression(WireType? wire, string type, string expression, int depth)
    {
        if (wire is null || wire.IsImmutable) return expression;
        var x = "__c" + Invariant(depth);
        var inner = wire.Kind switch
        {
            WireKind.Bytes => expression + ".ToArray()",
            WireKind.Sequence when wire.Container == "Array" =>
                expression + ".Select(" + x + " => " + CopyExpression(wire.Element, wire.Element!.Text, x, depth + 1) + ").ToArray()",
            WireKind.Sequence when wire.Container == "List" && wire.Element is { IsImmutable: true } =>
                "new " + wire.Text + "(" + expression + ")",
            WireKind.Sequence when wire.Container == "List" =>
                "new " + wire.Text + "(" + expression + ".Select(" + x + " => " + CopyExpression(wire.Element, wire.Element!.Text, x, depth + 1) + "))",
            WireKind.Sequence =>
                "new " + wire.Text + "(" + expression + ".Select(" + x + " => " + CopyExpression(wire.Element, wire.Element!.Text, x, depth + 1) + "), " + expression + ".Comparer)",
            WireKind.Map when wire.Container == "Dictionary" =>
                "new " + wire.Text + "(" + expression + ".Select(" + x + " => new global::System.Collections.Generic.KeyValuePair<" + wire.Element!.Text + ", " + wire.Value!.Text + ">(" + x + ".Key, " + CopyExpression(wire.Value, wire.Value.Text, x + ".Value", depth + 1) + ")), " + expression + ".Comparer)",
            WireKind.Map =>
                "new " + wire.Text + "(" + expression + ".ToDictionary(" + x + " => " + x + ".Key, " + x + " => " + CopyExpression(wire.Value, wire.Value!.Text, x + ".Value", depth + 1) + "), " + expression + ".Comparer)",
            _ => expression,
        };
        return "(" + expression + " is null ? null! : " + inner + ")";
    }

    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> hold the same value.</summary>
    private string SameExpression(WireType? wire, string type, string left, string right, int depth)
    {
        var comparer = "global::System.Collections.Generic.EqualityComparer<" + (wire?.Text ?? type) + ">.Default.Equals(" + left + ", " + right + ")";
        if (wire is null || wire.IsImmutable) return comparer;
        var a = Temp("__a");
        var b = Temp("__b");
        var v = "__v" + Invariant(depth);
        var content = wire.Kind switch
        {
            WireKind.Bytes => "global::System.Linq.Enumerable.SequenceEqual(" + a + ", " + b + ")",
            WireKind.Sequence when wire.Container is "HashSet" or "SortedSet" => a + ".SetEquals(" + b + ")",
            WireKind.Sequence when wire.Element is { IsImmutable: true } =>
                "global::System.Linq.Enumerable.SequenceEqual(" + a + ", " + b + ")",
            WireKind.Sequence =>
                a + ".Count() == " + b + ".Count() && " + a + ".Zip(" + b + ", (" + v + "x, " + v + "y) => " + SameExpression(wire.Element, wire.Element!.Text, v + "x", v + "y", depth + 1) + ").All(" + v + " => " + v + ")",
            WireKind.Map =>
                a + ".Count == " + b + ".Count && " + a + ".All(" + v + " => " + b + ".TryGetValue(" + v + ".Key, out var " + v + "o) && " + SameExpression(wire.Value, wire.Value!.Text, v + ".Value", v + "o", depth + 1) + ")",
            _ => comparer,
        };
        return "(" + left + " is { } " + a + " && " + right + " is { } " + b + " ? " + content + " : " + left + " is null && " + right + " is null)";
    }
}
