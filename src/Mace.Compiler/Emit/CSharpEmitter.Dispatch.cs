using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

/// <summary>
/// Per-event dispatchers. Semantics: every <c>[merge=pre]</c> transition whose guard holds runs
/// first (source order); then the first non-merge transition in source order whose guard holds
/// (an <c>[exec=once]</c> one only if it has not run since the last reset), or the interface's
/// default body when none does; then every <c>[merge=post]</c> transition whose guard holds.
/// </summary>
internal sealed partial class CSharpEmitter
{
    private void EmitDowncalls(BoundService service)
    {
        var downcalls = service.Events.Where(e => e.Kind is EventKind.Downcall or EventKind.Lifecycle && (e.Kind == EventKind.Downcall || e.Transitions.Count > 0)).ToList();
        if (downcalls.Count == 0) return;
        _w.WriteLine();
        _w.WriteLine("// ---- downcalls");
        foreach (var e in downcalls.Where(e => e.Kind == EventKind.Downcall))
        {
            var method = e.Method!;
            var call = e.DispatcherName + "(" + Join("registrationId", Arguments(e.Parameters)) + ");";
            var declaring = service.Provided
                .SelectMany(p => p.AllDowncalls)
                .Where(d => d.SignatureKey == method.SignatureKey)
                .Select(d => d.DeclaringServiceClass)
                .Distinct(StringComparer.Ordinal);
            foreach (var serviceClass in declaring)
            {
                _w.WriteLine(method.ReturnType + " I" + serviceClass + "." + e.Name + "(" + Join("int registrationId", Parameters(e.Parameters)) + ") => " + call);
            }
            _w.WriteLine();
            _w.WriteLine("/// <summary>Application entry point (registration id 0); call on the node's lane.</summary>");
            _w.WriteLine("public " + method.ReturnType + " " + e.Name + "(" + ParametersWithDefaults(e.Parameters) + ") => " + e.DispatcherName + "(" + Join("0", Arguments(e.Parameters)) + ");");
            _w.WriteLine();
            if (method.HasPayloadSlot)
            {
                _w.WriteLine("public " + method.ReturnType + " " + e.Name + "(" + MessageParameters(e.Parameters) + ") => " + e.DispatcherName + "(" + Join("0", MessageArguments(e.Parameters)) + ");");
                _w.WriteLine();
            }
        }
        foreach (var e in downcalls)
        {
            EmitDispatcher(e, e.DispatcherName, e.Transitions, e.Parameters, TraceName(e, null));
        }
    }

    private void EmitUpcalls(BoundService service)
    {
        var upcalls = service.Events.Where(e => e.Kind == EventKind.Upcall && e.Transitions.Count > 0).ToList();
        if (upcalls.Count == 0) return;
        _w.WriteLine();
        _w.WriteLine("// ---- upcalls");
        foreach (var e in upcalls)
        {
            if (!e.HasTypedTransitions)
            {
                EmitDispatcher(e, e.DispatcherName, e.Transitions, e.Parameters, TraceName(e, null));
                continue;
            }
            EmitDemultiplexer(service, e);
            foreach (var group in e.Transitions.Where(t => t.MessageType is not null).GroupBy(t => t.MessageType!, StringComparer.Ordinal))
            {
                var transitions = group.ToList();
                EmitDispatcher(e, e.DispatcherName + "_" + group.Key, transitions, TypedParameters(e, transitions[0]), TraceName(e, group.Key));
            }
            var untyped = e.Transitions.Where(t => t.MessageType is null).ToList();
            if (untyped.Count > 0) EmitDispatcher(e, e.DispatcherName + "_Payload", untyped, e.Parameters, TraceName(e, null));
        }
    }

    private void EmitSchedulers(BoundService service)
    {
        if (service.Timers.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// ---- timers");
        foreach (var e in service.Events.Where(e => e.Kind == EventKind.Scheduler))
        {
            EmitDispatcher(e, e.DispatcherName, e.Transitions, e.Parameters, TraceName(e, null));
        }
    }

    /// <summary>The event's parameters with the payload slot typed as the message and named as the first transition names it.</summary>
    private static List<ParameterSymbol> TypedParameters(EventSymbol e, TransitionSymbol transition)
    {
        var parameters = e.Parameters.ToList();
        var slot = transition.MessageSlot;
        var name = transition.Parameters[slot].Name;
        if (e.Parameters.Where((p, i) => i != slot).Any(p => p.Name == name)) name = "__message";
        parameters[slot] = new ParameterSymbol(transition.MessageType!, name, null);
        return parameters;
    }

    private static string TraceName(EventSymbol e, string? messageType) => messageType is null ? e.Name : e.Name + "(" + messageType + ")";

    private void EmitDemultiplexer(BoundService service, EventSymbol e)
    {
        var slotIndex = e.Transitions.First(t => t.MessageSlot >= 0).MessageSlot;
        var slot = e.Parameters[slotIndex];
        _w.WriteLine("private " + e.ReturnType + " " + e.DispatcherName + "(" + Parameters(e.Parameters) + ")");
        _w.OpenBrace();
        _w.WriteLine("var reader = new global::Mace.Runtime.Serialization.MaceReader(" + slot.Name + ".GetBytes().Span);");
        _w.WriteLine("var tag = reader.ReadVarUInt32();");
        _w.WriteLine("switch (tag)");
        _w.OpenBrace();
        var returns = e.IsVoid ? string.Empty : "return ";
        foreach (var group in e.Transitions.Where(t => t.MessageType is not null).GroupBy(t => t.MessageType!, StringComparer.Ordinal))
        {
            // The decoded message gets a name of its own: the dispatcher's payload parameter may
            // carry the very name the transition gives the message (Deliver(..., Payload message)).
            const string local = "__decoded";
            var parameters = TypedParameters(e, group.First());
            parameters[slotIndex] = new ParameterSymbol(parameters[slotIndex].Type, local, null);
            _w.WriteLine("case " + group.Key + ".Tag:");
            _w.OpenBrace();
            _w.WriteLine("var " + local + " = " + group.Key + ".Deserialize(ref reader);");
            _w.WriteLine("reader.EnsureEnd();");
            _w.WriteLine(returns + e.DispatcherName + "_" + group.Key + "(" + Arguments(parameters) + ");");
            if (e.IsVoid) _w.WriteLine("return;");
            _w.CloseBrace();
        }
        _w.WriteLine("default:");
        _w.Indent();
        if (e.Transitions.Any(t => t.MessageType is null))
        {
            _w.WriteLine(returns + e.DispatcherName + "_Payload(" + Arguments(e.Parameters) + ");");
            if (e.IsVoid) _w.WriteLine("return;");
        }
        else
        {
            _w.WriteLine("throw new global::Mace.Runtime.Serialization.MaceFormatException($\"unknown message tag {tag} for service " + service.Name + "\", 0);");
        }
        _w.Unindent();
        _w.CloseBrace();
        _w.CloseBrace();
        _w.WriteLine();
    }
}
