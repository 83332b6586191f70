using System.Collections.Immutable;

namespace Mace.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly string[] s_lifecycleEvents = ["MaceInit", "MaceExit", "MaceReset"];

    /// <summary>
    /// Every event the service can answer: lifecycle calls, provided downcalls, upcalls of every
    /// lower service's handlers (one event per signature, shared by all lower fields), timers.
    /// </summary>
    private static ImmutableArray<EventSymbol> BindEvents(ImmutableArray<ServiceClassSymbol> provided, ImmutableArray<LowerServiceSymbol> lowers, ImmutableArray<TimerSymbol> timers)
    {
        var events = new List<EventSymbol>();
        foreach (var name in s_lifecycleEvents)
        {
            events.Add(new EventSymbol(EventKind.Lifecycle, name, "void", ImmutableArray<ParameterSymbol>.Empty, null, null));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var downcall in provided.SelectMany(p => p.AllDowncalls))
        {
            if (seen.Add(downcall.SignatureKey)) events.Add(new EventSymbol(EventKind.Downcall, downcall.Name, downcall.ReturnType, downcall.Parameters, downcall, null));
        }

        seen.Clear();
        foreach (var upcall in lowers.SelectMany(l => l.Interface.AllHandlers).SelectMany(h => h.Upcalls))
        {
            if (seen.Add(upcall.SignatureKey)) events.Add(new EventSymbol(EventKind.Upcall, upcall.Name, upcall.ReturnType, upcall.Parameters, upcall, null));
        }

        foreach (var timer in timers)
        {
            var parameters = timer.TypeArguments
                .Select((t, i) => new ParameterSymbol(t, "arg" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), null))
                .ToImmutableArray();
            events.Add(new EventSymbol(EventKind.Scheduler, timer.Name, "void", parameters, null, timer));
        }

        // Overloads share a name; their dispatchers get a numeric suffix.
        foreach (var group in events.GroupBy(e => (e.Kind == EventKind.Lifecycle ? EventKind.Downcall : e.Kind, e.Name)))
        {
            var index = 0;
            foreach (var e in group)
            {
                if (index > 0) e.DispatcherSuffix = "_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                index++;
            }
        }
        return events.ToImmutableArray();
    }

    /// <summary>The event with <paramref name="signatureKey"/> among the upcall events.</summary>
    internal static EventSymbol? FindUpcallEvent(ImmutableArray<EventSymbol> events, MethodSymbol upcall) =>
        events.FirstOrDefault(e => e.Kind == EventKind.Upcall && e.Method!.SignatureKey == upcall.SignatureKey);
}
