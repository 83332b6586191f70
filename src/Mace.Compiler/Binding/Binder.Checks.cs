namespace Mace.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>
    /// The paper's first check: every downcall of each provided serviceclass, and every upcall
    /// without a default body of each lower service's serviceclass, has at least one transition.
    /// </summary>
    private void CheckEveryEventHandled(BoundService service)
    {
        foreach (var provided in service.Provided)
        {
            var span = service.Syntax.Provides.First(p => p.Text == provided.Name).Span;
            foreach (var downcall in provided.AllDowncalls)
            {
                var e = service.Events.FirstOrDefault(x => x.Kind == EventKind.Downcall && x.Method!.SignatureKey == downcall.SignatureKey);
                if (e is { Transitions.Count: 0, HasFailedTransitions: false }) _diagnostics.ReportMissingDowncallTransition(span, downcall.Name, provided.Name);
            }
        }

        foreach (var lower in service.LowerServices)
        {
            foreach (var handler in lower.Interface.AllHandlers)
            {
                foreach (var upcall in handler.Upcalls)
                {
                    // A detector's probes and replies arrive through this upcall; the generated receiver handles it.
                    if (upcall.DefaultBody is not null || service.DetectorsReceivingOn(lower, upcall).Any()) continue;
                    var e = FindUpcallEvent(service.Events, upcall);
                    if (e is { Transitions.Count: 0, HasFailedTransitions: false }) _diagnostics.ReportMissingUpcallTransition(lower.Syntax.Name.Span, upcall.Name, handler.Name, lower.Name);
                }
            }
        }
    }

    /// <summary>MACE3005: a first-match transition after an unguarded one of the same event (and message type) never runs.</summary>
    private void CheckUnreachable(System.Collections.Immutable.ImmutableArray<EventSymbol> events)
    {
        foreach (var e in events)
        {
            foreach (var group in e.Transitions.Where(t => t.Merge == MergeKind.None).GroupBy(t => t.MessageType ?? string.Empty, StringComparer.Ordinal))
            {
                TransitionSymbol? unguarded = null;
                foreach (var transition in group)
                {
                    if (unguarded is not null)
                    {
                        _diagnostics.ReportUnreachableTransition(transition.Syntax.Name.Span, transition.Syntax.Name.Text, unguarded.Syntax.Name.Span.StartLine + 1);
                    }
                    else if (!transition.HasGuard && !transition.Once)
                    {
                        unguarded = transition;
                    }
                }
            }
        }
    }
}
