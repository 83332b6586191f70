using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

/// <summary>
/// Distributed detectors (<c>detect</c>). Each detector gets a <c>PeerDetector</c> (per-peer
/// last-heard times and suspicions), a recurring timer armed by <c>MaceInit</c> with the detector's
/// period, a tick that, while the guard holds, re-reads the watched peers and sends each a probe,
/// and a deadline timer at the earliest silence's end; either raises every peer silent for longer
/// than the timeout (once per silence). Probes and replies
/// are intercepted in the lower layer's receive upcall before message dispatch: a probe is answered
/// with the reply (when the detector has one) and, like a reply, counts as hearing from its sender.
/// A transition that names the probe or reply message still runs after the detector has seen it.
/// <c>Reset_Name(peer)</c> lets any transition report that it heard from a peer.
/// </summary>
internal sealed partial class CSharpEmitter
{
    private const string PeerDetectorType = "global::Mace.Runtime.FailureDetection.PeerDetector";

    private void EmitDetectorConstruction(BoundService service)
    {
        foreach (var detector in service.Detectors)
        {
            _w.WriteLine(detector.TimerName + " = new global::Mace.Runtime.Timers.MaceTimer(this, " + Quote("detect " + detector.Name) + ", " + detector.TickName + ",");
            _w.Indent();
            _w.WriteMapped(detector.Period, suffix: ");");
            _w.Unindent();
            _w.WriteLine(detector.DeadlineTimerName + " = new global::Mace.Runtime.Timers.MaceTimer(this, " + Quote("detect " + detector.Name + " deadline") + ", " + detector.DeadlineName + ");");
        }
    }

    private void EmitDetectors(BoundService service)
    {
        if (service.Detectors.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// ---- distributed detectors");
        foreach (var detector in service.Detectors)
        {
            EmitDetector(detector);
        }
        foreach (var lower in service.LowerServices)
        {
            foreach (var upcall in lower.Interface.AllHandlers.SelectMany(h => h.Upcalls))
            {
                var detectors = service.DetectorsReceivingOn(lower, upcall).ToList();
                if (detectors.Count > 0) EmitDetectorReceiver(service, lower, upcall, detectors);
            }
        }
    }

    /// <summary>
    /// The tick (every period: re-read the peers, probe them, check) and the deadline check (a
    /// one-shot timer at the earliest unsuspected peer's last-heard time plus the timeout, so a
    /// silent peer is raised within the timeout of the last time it was heard, not up to a period later).
    /// </summary>
    private void EmitDetector(DetectorSymbol detector)
    {
        var field = detector.FieldName;
        _w.WriteLine("private readonly " + PeerDetectorType + " " + field + " = new();");
        _w.WriteLine("private readonly global::Mace.Runtime.Timers.MaceTimer " + detector.TimerName + ";");
        _w.WriteLine("private readonly global::Mace.Runtime.Timers.MaceTimer " + detector.DeadlineTimerName + ";");
        _w.WriteLine();
        _w.WriteLine("/// <summary>Detector " + detector.Name + ": <paramref name=\"peer\"/> was heard from now (restarts its timeout, clears a suspicion).</summary>");
        _w.WriteLine("private void " + detector.ResetName + "(global::Mace.Runtime.NodeAddress peer) => " + field + ".Heard(peer, Now);");
        _w.WriteLine();
        _w.WriteLine("private void " + detector.TickName + "() => " + detector.RunName + "(probe: true);");
        _w.WriteLine();
        _w.WriteLine("private void " + detector.DeadlineName + "() => " + detector.RunName + "(probe: false);");
        _w.WriteLine();
        _w.WriteLine("private void " + detector.RunName + "(bool probe)");
        _w.OpenBrace();
        _w.WriteLine("__TraceEvent(probe ? " + Quote("detect " + detector.Name) + " : " + Quote("detect " + detector.Name + " deadline") + ", null);");
        if (detector.Guard is { } guard)
        {
            _w.WriteMapped(guard, "if (!(", ")) { " + field + ".Clear(); " + detector.DeadlineTimerName + ".Cancel(); return; }");
        }
        _w.WriteLine("var __timeout =");
        _w.Indent();
        _w.WriteMapped(detector.Timeout, suffix: ";");
        _w.Unindent();
        _w.WriteLine("if (probe)");
        _w.OpenBrace();
        _w.WriteLine(field + ".Tick(Now,");
        _w.Indent();
        _w.WriteMapped(detector.Nodes, suffix: ", __timeout);");
        _w.Unindent();
        if (detector.Probe is { } probe)
        {
            _w.WriteLine("foreach (var __peer in " + field + ".Watched) " + detector.Via!.Name + "." + detector.Send!.Name + "(__peer, new " + probe.Name + "());");
        }
        _w.CloseBrace();
        _w.WriteLine("else");
        _w.OpenBrace();
        _w.WriteLine(field + ".Check(Now, __timeout);");
        _w.CloseBrace();
        _w.WriteLine("if (" + field + ".NextDeadline(__timeout) is { } __due) " + detector.DeadlineTimerName + ".Schedule(__due - Now + global::System.TimeSpan.FromTicks(1));");
        _w.WriteLine("else " + detector.DeadlineTimerName + ".Cancel();");
        _w.WriteLine("if (" + field + ".Failed.Count == 0) return;");
        _w.WriteLine("foreach (var __peer in global::System.Linq.Enumerable.ToArray(" + field + ".Failed))");
        _w.OpenBrace();
        _w.WriteMapped(detector.Raise, suffix: "(__peer);");
        _w.CloseBrace();
        _w.CloseBrace();
        _w.WriteLine();
    }

    /// <summary>
    /// Handles the probes and replies of <paramref name="detectors"/> arriving through
    /// <paramref name="upcall"/> of <paramref name="lower"/>; true when the payload was one that no
    /// transition names (so message dispatch is skipped).
    /// </summary>
    private void EmitDetectorReceiver(BoundService service, LowerServiceSymbol lower, MethodSymbol upcall, List<DetectorSymbol> detectors)
    {
        var sender = upcall.Parameters[0];
        var slot = upcall.Parameters.First(p => p.IsPayloadSlot);
        var e = Binder.FindUpcallEvent(service.Events, upcall);
        _w.WriteLine("private bool " + DetectorReceiverName(lower, upcall) + "(global::Mace.Runtime.NodeAddress " + sender.Name + ", global::Mace.Runtime.Payload " + slot.Name + ")");
        _w.OpenBrace();
        _w.WriteLine("switch (" + slot.Name + ".PeekTag())");
        _w.OpenBrace();
        var messages = detectors.SelectMany(d => new[] { d.Probe, d.Reply }).Where(m => m is not null).Select(m => m!.Name).Distinct(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            _w.WriteLine("case " + message + ".Tag:");
            _w.Indent();
            _w.WriteLine("__TraceEvent(" + Quote(upcall.Name + "(" + message + ")") + ", " + TraceDetails([sender]) + ");");
            var replies = detectors.Where(d => d.Probe?.Name == message && d.Reply is not null).Select(d => d.Reply!.Name).Distinct(StringComparer.Ordinal);
            foreach (var reply in replies)
            {
                _w.WriteLine(lower.Name + "." + detectors[0].Send!.Name + "(" + sender.Name + ", new " + reply + "());");
            }
            foreach (var detector in detectors.Where(d => d.Probe?.Name == message || d.Reply?.Name == message))
            {
                _w.WriteLine(detector.ResetName + "(" + sender.Name + ");");
            }
            var named = e is not null && e.Transitions.Any(t => t.MessageType == message);
            _w.WriteLine("return " + (named ? "false" : "true") + ";");
            _w.Unindent();
        }
        _w.WriteLine("default:");
        _w.WriteLine("    return false;");
        _w.CloseBrace();
        _w.CloseBrace();
        _w.WriteLine();
    }

    private static string DetectorReceiverName(LowerServiceSymbol lower, MethodSymbol upcall) => "__Detectors_" + lower.Name + "_" + upcall.Name;

    /// <summary>The lower-handler method for an upcall that detectors receive on: detectors first, then the event's dispatcher.</summary>
    private void EmitDetectorAdapterMethod(BoundService service, LowerServiceSymbol lower, MethodSymbol upcall, EventSymbol? e)
    {
        var sender = upcall.Parameters[0];
        var slot = upcall.Parameters.First(p => p.IsPayloadSlot);
        _w.WriteLine("public void " + upcall.Name + "(" + Parameters(upcall.Parameters) + ")");
        _w.OpenBrace();
        _w.WriteLine("if (owner." + DetectorReceiverName(lower, upcall) + "(" + sender.Name + ", " + slot.Name + ")) return;");
        if (e is { Transitions.Count: > 0 })
        {
            _w.WriteLine("owner." + e.DispatcherName + "(" + Arguments(upcall.Parameters) + ");");
        }
        else
        {
            _w.WriteLine("throw new global::Mace.Runtime.Serialization.MaceFormatException($\"unknown message tag {" + slot.Name + ".PeekTag()} for service " + service.Name + "\", 0);");
        }
        _w.CloseBrace();
    }
}
