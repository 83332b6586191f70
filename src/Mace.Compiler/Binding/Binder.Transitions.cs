using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

internal sealed partial class Binder
{
    private (ImmutableArray<TransitionSymbol> Transitions, ImmutableArray<TransitionSymbol> Aspects) BindTransitions(
        ServiceSyntax syntax,
        ImmutableArray<EventSymbol> events,
        ImmutableArray<LowerServiceSymbol> lowers,
        ImmutableArray<TimerSymbol> timers,
        ImmutableArray<FieldSymbol> variables,
        ImmutableArray<MessageSymbol> messages)
    {
        var transitions = ImmutableArray.CreateBuilder<TransitionSymbol>();
        var aspects = ImmutableArray.CreateBuilder<TransitionSymbol>();
        var guardChecker = new GuardChecker(_diagnostics, lowers.Select(l => l.Name), timers.Select(t => t.Name));
        var index = 0;
        foreach (var transition in syntax.Transitions)
        {
            foreach (var guard in transition.Guards) guardChecker.Check(guard);
            CheckDuplicateParameters(transition.Parameters, _diagnostics);
            var (merge, once, path, validOptions) = BindTransitionOptions(transition);
            if (transition.Kind == TransitionKind.Aspect)
            {
                if (path != PathRole.None)
                {
                    var option = transition.Options.First(o => o.Name.Text == "path");
                    _diagnostics.ReportInvalidTransitionOption(option.Span, "path", option.Value.Text, "an aspect runs at the end of an event, so it cannot start or end a path");
                }
                var aspect = BindAspect(transition, index, variables, once);
                if (aspect is not null)
                {
                    aspects.Add(aspect);
                    index++;
                }
                continue;
            }

            var bound = validOptions ? BindEventTransition(transition, index, events, messages, merge, once) : null;
            if (bound is null)
            {
                MarkFailed(transition, events);
                continue;
            }
            bound.Path = path;
            bound.Event!.Transitions.Add(bound);
            transitions.Add(bound);
            index++;
        }
        return (transitions.ToImmutable(), aspects.ToImmutable());
    }

    private (MergeKind Merge, bool Once, PathRole Path, bool Valid) BindTransitionOptions(TransitionSyntax transition)
    {
        var merge = MergeKind.None;
        var once = false;
        var path = PathRole.None;
        var valid = true;
        foreach (var option in transition.Options)
        {
            switch (option.Name.Text, option.Value.Text)
            {
                case ("merge", "pre"): merge = MergeKind.Pre; break;
                case ("merge", "post"): merge = MergeKind.Post; break;
                case ("exec", "once"): once = true; break;
                case ("path", "start"): path |= PathRole.Start; break;
                case ("path", "end"): path |= PathRole.End; break;
                default:
                    _diagnostics.ReportInvalidTransitionOption(option.Span, option.Name.Text, option.Value.Text);
                    valid = false;
                    break;
            }
        }
        return (merge, once, path, valid);
    }

    private TransitionSymbol? BindEventTransition(
        TransitionSyntax transition,
        int index,
        ImmutableArray<EventSymbol> events,
        ImmutableArray<MessageSymbol> messages,
        MergeKind merge,
        bool once)
    {
        var name = transition.Name.Text;
        var kind = transition.Kind;
        var candidates = events.Where(e => e.Name == name && kind switch
        {
            TransitionKind.Downcall => e.Kind is EventKind.Downcall or EventKind.Lifecycle,
            TransitionKind.Upcall => e.Kind == EventKind.Upcall,
            _ => e.Kind == EventKind.Scheduler,
        }).ToList();
        if (candidates.Count == 0)
        {
            if (kind == TransitionKind.Downcall) _diagnostics.ReportUnknownDowncall(transition.Name.Span, name);
            else if (kind == TransitionKind.Upcall) _diagnostics.ReportUnknownUpcall(transition.Name.Span, name);
            else _diagnostics.ReportUnknownTimer(transition.Name.Span, name);
            return null;
        }

        var count = transition.Parameters.Length;
        var sameCount = candidates.Where(e => e.Parameters.Length == count).ToList();
        if (sameCount.Count == 0)
        {
            _diagnostics.ReportParameterCountMismatch(transition.Name.Span, name, candidates[0].Parameters.Length, count);
            return null;
        }

        var messageNames = messages.Select(m => m.Name).ToImmutableHashSet(StringComparer.Ordinal);
        var target = sameCount.FirstOrDefault(e => ParametersMatch(e, transition, messageNames, kind == TransitionKind.Upcall)) ?? sameCount[0];
        if (merge != MergeKind.None && !target.IsVoid)
        {
            _diagnostics.ReportMergeOnValueEvent(transition.Name.Span, name);
        }
        return BindParameters(transition, index, target, messageNames, merge, once);
    }

    private static bool ParametersMatch(EventSymbol e, TransitionSyntax transition, ImmutableHashSet<string> messages, bool allowMessages)
    {
        for (var i = 0; i < e.Parameters.Length; i++)
        {
            var expected = e.Parameters[i];
            var actual = transition.Parameters[i].Type.Text.Trim();
            if (TypeText.SameType(expected.Type, actual)) continue;
            if (allowMessages && expected.IsPayloadSlot && messages.Contains(TypeText.Normalize(actual))) continue;
            return false;
        }
        return true;
    }

    private TransitionSymbol? BindParameters(TransitionSyntax transition, int index, EventSymbol target, ImmutableHashSet<string> messages, MergeKind merge, bool once)
    {
        var parameters = ImmutableArray.CreateBuilder<ParameterSymbol>();
        string? messageType = null;
        var messageSlot = -1;
        var ok = true;
        for (var i = 0; i < target.Parameters.Length; i++)
        {
            var expected = target.Parameters[i];
            var syntax = transition.Parameters[i];
            var actual = syntax.Type.Text.Trim();
            var type = expected.Type;
            if (!TypeText.SameType(expected.Type, actual))
            {
                var normalized = TypeText.Normalize(actual);
                if (expected.IsPayloadSlot && target.Kind == EventKind.Upcall && messageType is null && messages.Contains(normalized))
                {
                    messageType = normalized;
                    messageSlot = i;
                    type = normalized;
                }
                else if (expected.IsPayloadSlot && target.Kind == EventKind.Upcall && messageType is null && IsIdentifier(normalized))
                {
                    _diagnostics.ReportUnknownMessage(syntax.Type.Span, normalized);
                    ok = false;
                }
                else if (messages.Contains(normalized) && !expected.IsPayloadSlot)
                {
                    _diagnostics.ReportMessageOutsidePayloadSlot(syntax.Type.Span, normalized, syntax.Name.Text);
                    ok = false;
                }
                else
                {
                    _diagnostics.ReportParameterTypeMismatch(syntax.Type.Span, syntax.Name.Text, actual, expected.Type);
                    ok = false;
                }
            }
            parameters.Add(new ParameterSymbol(type, syntax.Name.Text, syntax));
        }
        if (!ok) return null;
        return new TransitionSymbol(index, transition, target, parameters.ToImmutable(), merge, once)
        {
            MessageType = messageType,
            MessageSlot = messageSlot,
        };
    }

    /// <summary>Marks the events a failed transition names, so that they are not also reported as unhandled.</summary>
    private static void MarkFailed(TransitionSyntax transition, ImmutableArray<EventSymbol> events)
    {
        foreach (var e in events)
        {
            if (e.Name == transition.Name.Text) e.HasFailedTransitions = true;
        }
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private TransitionSymbol? BindAspect(TransitionSyntax transition, int index, ImmutableArray<FieldSymbol> variables, bool once)
    {
        var watched = ImmutableArray.CreateBuilder<FieldSymbol>();
        var ok = true;
        foreach (var name in transition.AspectVariables)
        {
            var variable = variables.FirstOrDefault(v => v.Name == name.Text);
            if (variable is null)
            {
                _diagnostics.ReportUnknownStateVariable(name.Span, name.Text);
                ok = false;
                continue;
            }
            watched.Add(variable);
        }
        if (!ok) return null;
        if (watched.Count != transition.Parameters.Length)
        {
            _diagnostics.ReportAspectParameterCount(transition.Name.Span, transition.Name.Text, watched.Count, transition.Parameters.Length);
            return null;
        }

        var parameters = ImmutableArray.CreateBuilder<ParameterSymbol>();
        for (var i = 0; i < watched.Count; i++)
        {
            var syntax = transition.Parameters[i];
            if (!TypeText.SameType(syntax.Type.Text, watched[i].Type))
            {
                _diagnostics.ReportAspectParameterType(syntax.Type.Span, syntax.Name.Text, syntax.Type.Text.Trim(), watched[i].Name, watched[i].Type);
                ok = false;
            }
            parameters.Add(new ParameterSymbol(watched[i].Type, syntax.Name.Text, syntax));
        }
        if (!ok) return null;
        return new TransitionSymbol(index, transition, null, parameters.ToImmutable(), MergeKind.None, once) { AspectVariables = watched.ToImmutable() };
    }
}
