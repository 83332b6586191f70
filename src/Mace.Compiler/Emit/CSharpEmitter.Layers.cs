using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

internal sealed partial class CSharpEmitter
{
    /// <summary>
    /// <c>Upcall.X(...)</c>: typed so that only the provided serviceclasses' upcalls are callable.
    /// A void upcall goes to every registered handler; one that returns a value goes to the first,
    /// or runs the default body (or returns <c>default</c>) when none is registered.
    /// <c>Upcall.To(rid).X(...)</c> addresses the handler registered under <c>rid</c> (the id a
    /// downcall received and the service carried, for example, inside its messages); when none is
    /// registered under it (a call through the application entry point has id 0) it behaves as
    /// <c>Upcall.X(...)</c>.
    /// </summary>
    private void EmitUpcallProxy(BoundService service)
    {
        if (service.ProvidedHandlers.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// ---- upcall proxy (provided interfaces' upcalls)");
        _w.WriteLine("private __UpcallProxy Upcall => new(this, 0, false);");
        _w.WriteLine();
        _w.WriteLine("private readonly struct __UpcallProxy(" + service.Name + " owner, int target, bool addressed)");
        _w.OpenBrace();
        _w.WriteLine("/// <summary>The upcalls addressed to the handler registered under <paramref name=\"registrationId\"/> (every handler when none is).</summary>");
        _w.WriteLine("public __UpcallProxy To(int registrationId) => new(owner, registrationId, true);");
        var first = false;
        foreach (var handler in service.ProvidedHandlers)
        {
            foreach (var upcall in handler.Upcalls)
            {
                if (!first) _w.WriteLine();
                first = false;
                EmitUpcallProxyMethod(handler, upcall, Parameters(upcall.Parameters), Arguments(upcall.Parameters));
                if (upcall.HasPayloadSlot)
                {
                    _w.WriteLine();
                    EmitUpcallProxyMethod(handler, upcall, MessageParameters(upcall.Parameters), MessageArguments(upcall.Parameters));
                }
            }
        }
        _w.CloseBrace();
        foreach (var handler in service.ProvidedHandlers)
        {
            _w.WriteLine();
            _w.WriteLine("public void Register" + handler.Name + "(int registrationId, I" + handler.Name + " handler) => __" + handler.Name + "_handlers.Register(registrationId, handler);");
        }
    }

    private void EmitUpcallProxyMethod(HandlerSymbol handler, MethodSymbol upcall, string parameters, string arguments)
    {
        var registry = "owner.__" + handler.Name + "_handlers";
        if (upcall.IsVoid)
        {
            _w.WriteLine("public void " + upcall.Name + "(" + parameters + ")");
            _w.OpenBrace();
            _w.WriteLine("if (addressed && " + registry + ".Get(target) is { } addressee) { addressee." + upcall.Name + "(" + arguments + "); return; }");
            _w.WriteLine("foreach (var handler in " + registry + ".All) handler.Value." + upcall.Name + "(" + arguments + ");");
            _w.CloseBrace();
            return;
        }
        var fallback = upcall.DefaultBody is null ? "default!" : handler.Name + "Defaults." + upcall.Name + "(" + arguments + ")";
        _w.WriteLine("public " + upcall.ReturnType + " " + upcall.Name + "(" + parameters + ") =>");
        _w.WriteLine("    (addressed ? " + registry + ".Get(target) ?? " + registry + ".First : " + registry + ".First) is { } handler ? handler." + upcall.Name + "(" + arguments + ") : " + fallback + ";");
    }

    /// <summary>One adapter per lower field, registered with every handler of its serviceclass; upcalls without transitions fall to the interface default.</summary>
    private void EmitLowerHandlers(BoundService service)
    {
        var adapters = service.LowerServices.Where(l => l.Interface.AllHandlers.Any()).ToList();
        if (adapters.Count == 0) return;
        _w.WriteLine();
        _w.WriteLine("// ---- lower-layer handlers");
        foreach (var lower in adapters)
        {
            var handlers = lower.Interface.AllHandlers.ToList();
            var bases = handlers.Select(h => "I" + h.Name).ToList();
            if (CopiesReceivedPayloads(service, lower, handlers)) bases.Add("global::Mace.Runtime.ICopiesReceivedPayloads");
            _w.WriteLine("private sealed class __" + lower.Name + "_Handler(" + service.Name + " owner) : " + string.Join(", ", bases));
            _w.OpenBrace();
            var first = true;
            foreach (var upcall in handlers.SelectMany(h => h.Upcalls))
            {
                var e = Binder.FindUpcallEvent(service.Events, upcall);
                var detected = service.DetectorsReceivingOn(lower, upcall).Any();
                if (!detected && (e is null || e.Transitions.Count == 0)) continue;
                if (!first) _w.WriteLine();
                first = false;
                if (detected)
                {
                    EmitDetectorAdapterMethod(service, lower, upcall, e);
                    continue;
                }
                _w.WriteLine("public " + upcall.ReturnType + " " + upcall.Name + "(" + Parameters(upcall.Parameters) + ") => owner." + e!.DispatcherName + "(" + Arguments(upcall.Parameters) + ");");
            }
            _w.CloseBrace();
        }
    }

    // True when no upcall from this lower service hands its raw payload on: each one with a payload
    // has exactly one, no failure detector reads it, and every transition on it names a message type
    // (so the demultiplexer decodes, and every read copies). The transport may then reuse the bytes.
    private static bool CopiesReceivedPayloads(BoundService service, LowerServiceSymbol lower, List<HandlerSymbol> handlers)
    {
        var any = false;
        foreach (var upcall in handlers.SelectMany(h => h.Upcalls))
        {
            var slots = upcall.Parameters.Count(p => p.IsPayloadSlot);
            if (slots == 0) continue;
            any = true;
            if (slots > 1 || service.DetectorsReceivingOn(lower, upcall).Any()) return false;
            var e = Binder.FindUpcallEvent(service.Events, upcall);
            if (e is not null && e.Transitions.Any(t => t.MessageType is null)) return false;
        }
        return any;
    }

    private void EmitLifecycle(BoundService service)
    {
        _w.WriteLine();
        _w.WriteLine("// ---- lifecycle");
        EmitLifecyclePhase(service, "MaceInit", lowerFirst: true, cancelTimers: false, reset: false);
        _w.WriteLine();
        EmitLifecyclePhase(service, "MaceExit", lowerFirst: false, cancelTimers: true, reset: false);
        _w.WriteLine();
        EmitLifecyclePhase(service, "MaceReset", lowerFirst: false, cancelTimers: true, reset: true);
    }

    private void EmitLifecyclePhase(BoundService service, string phase, bool lowerFirst, bool cancelTimers, bool reset)
    {
        _w.WriteLine("public override void " + phase + "() => RunLifecycle(() =>");
        _w.OpenBrace();
        if (lowerFirst)
        {
            foreach (var lower in service.LowerServices) _w.WriteLine("__" + lower.Name + "_service." + phase + "();");
        }
        var e = service.Events.First(x => x.Kind == EventKind.Lifecycle && x.Name == phase);
        if (e.Transitions.Count > 0) _w.WriteLine(e.DispatcherName + "(0);");
        if (lowerFirst)
        {
            foreach (var detector in service.Detectors) _w.WriteLine(detector.TimerName + ".Schedule(" + detector.TimerName + ".Recur!.Value);");
        }
        if (cancelTimers)
        {
            foreach (var timer in service.Timers) _w.WriteLine(timer.Name + ".Cancel();");
            foreach (var detector in service.Detectors)
            {
                _w.WriteLine(detector.TimerName + ".Cancel();");
                _w.WriteLine(detector.DeadlineTimerName + ".Cancel();");
            }
        }
        if (reset) _w.WriteLine("__InitializeState();");
        if (!lowerFirst)
        {
            foreach (var lower in service.LowerServices) _w.WriteLine("__" + lower.Name + "_service." + phase + "();");
        }
        _w.CloseBrace(");");
    }
}
