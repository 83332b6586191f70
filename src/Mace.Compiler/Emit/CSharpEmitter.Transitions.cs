using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

internal sealed partial class CSharpEmitter
{
    private void EmitDispatcher(EventSymbol e, string name, IReadOnlyList<TransitionSymbol> transitions, IReadOnlyList<ParameterSymbol> parameters, string traceName)
    {
        var rid = e.HasRid ? "int rid" : string.Empty;
        var arguments = Join(e.HasRid ? "rid" : string.Empty, Arguments(parameters));
        _w.WriteLine("private " + e.ReturnType + " " + name + "(" + Join(rid, Parameters(parameters)) + ")");
        _w.OpenBrace();
        // A path starts before the event's record, so the record (and its span) is on it.
        var starts = transitions.Where(t => (t.Path & PathRole.Start) != 0).ToList();
        if (starts.Count > 0) _w.WriteLine("if (" + string.Join(" || ", starts.Select(t => "(" + Condition(t, arguments) + ")")) + ") Node.StartPath();");
        _w.WriteLine("__TraceEvent(" + Quote(traceName) + ", " + TraceDetails(parameters) + ");");
        var pre = transitions.Where(t => t.Merge == MergeKind.Pre).ToList();
        var post = transitions.Where(t => t.Merge == MergeKind.Post).ToList();
        var main = transitions.Where(t => t.Merge == MergeKind.None).ToList();
        var fallback = DefaultCall(e, parameters);
        if (pre.Count == 0 && post.Count == 0)
        {
            foreach (var t in main)
            {
                var body = e.IsVoid ? t.MethodName + "(" + arguments + "); return;" : "return " + t.MethodName + "(" + arguments + ");";
                _w.WriteLine("if (" + Condition(t, arguments) + ") { " + OnceSet(t) + body + " }");
            }
            if (fallback is not null) _w.WriteLine((e.IsVoid ? string.Empty : "return ") + fallback + ";");
            else if (!e.IsVoid) _w.WriteLine("return default!;");
        }
        else
        {
            foreach (var t in pre) _w.WriteLine("if (" + Condition(t, arguments) + ") { " + OnceSet(t) + t.MethodName + "(" + arguments + "); }");
            var keyword = "if";
            foreach (var t in main)
            {
                _w.WriteLine(keyword + " (" + Condition(t, arguments) + ") { " + OnceSet(t) + t.MethodName + "(" + arguments + "); }");
                keyword = "else if";
            }
            if (fallback is not null) _w.WriteLine((main.Count > 0 ? "else { " : "{ ") + fallback + "; }");
            foreach (var t in post) _w.WriteLine("if (" + Condition(t, arguments) + ") { " + OnceSet(t) + t.MethodName + "(" + arguments + "); }");
        }
        _w.CloseBrace();
        _w.WriteLine();
    }

    private static string Condition(TransitionSymbol t, string arguments) =>
        (t.Once ? "!" + t.OnceField + " && " : string.Empty) + t.GuardName + "(" + arguments + ")";

    private static string OnceSet(TransitionSymbol t) =>
        (t.Once ? t.OnceField + " = true; " : string.Empty) + ((t.Path & PathRole.End) != 0 ? "Node.EndPath(); " : string.Empty);

    private string TraceDetails(IReadOnlyList<ParameterSymbol> parameters)
    {
        if (parameters.Count == 0) return "null";
        var carriesMessage = parameters.Any(p => p.IsPayloadSlot || Service.Messages.Any(m => m.Name == p.Type));
        var level = carriesMessage ? "Med" : "Low";
        // Collections print their elements (StatePrinter), not their type name.
        var text = string.Join(" ", parameters.Select(p => p.Name + "={(global::Mace.Runtime.Tracing.StatePrinter.Format(" + p.Name + "))}"));
        // Details are formatted only when a sink listens: tracing that is off costs one comparison.
        return "__TraceLevel >= global::Mace.Runtime.Tracing.TraceLevel." + level + " && Node.TraceSink is not null ? global::System.FormattableString.Invariant($\"" + text + "\") : null";
    }

    /// <summary>The interface default body's call, or null when the event has none.</summary>
    private static string? DefaultCall(EventSymbol e, IReadOnlyList<ParameterSymbol> parameters)
    {
        if (e.Method is not { DefaultBody: not null } method) return null;
        var owner = method.Handler ?? method.DeclaringServiceClass;
        var arguments = parameters.Select((p, i) => e.Parameters[i].IsPayloadSlot && !p.IsPayloadSlot
            ? "global::Mace.Runtime.Payload.FromMessage(" + p.Name + ")"
            : p.Name);
        return owner + "Defaults." + e.Name + "(" + string.Join(", ", arguments) + ")";
    }

    private void EmitTransitions(BoundService service)
    {
        if (service.Transitions.IsEmpty && service.Aspects.IsEmpty) return;
        _w.WriteLine("// ---- guards and transitions (copied from the .mace file)");
        foreach (var t in service.Transitions.Concat(service.Aspects).OrderBy(t => t.Index))
        {
            if (t.Once) _w.WriteLine("private bool " + t.OnceField + ";");
            var rid = t.Event is { HasRid: true } ? "int rid" : string.Empty;
            var parameters = Join(rid, Parameters(t.Parameters));
            EmitGuard(t, parameters);
            _w.WriteLine();
            var returnType = t.Event?.ReturnType ?? "void";
            _w.WriteLine("private " + returnType + " " + t.MethodName + "(" + parameters + ")");
            _w.WriteMapped(t.Syntax.Body);
            _w.WriteLine();
        }
    }

    private void EmitGuard(TransitionSymbol t, string parameters)
    {
        var guards = t.Syntax.Guards;
        if (guards.IsEmpty)
        {
            _w.WriteLine("private bool " + t.GuardName + "(" + parameters + ") => true;");
            return;
        }
        _w.WriteLine("private bool " + t.GuardName + "(" + parameters + ") =>");
        _w.Indent();
        for (var i = 0; i < guards.Length; i++)
        {
            _w.WriteMapped(guards[i], "(", ")" + (i == guards.Length - 1 ? ";" : " &&"));
        }
        _w.Unindent();
    }
}
