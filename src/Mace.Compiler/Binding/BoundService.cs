using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>The bound service: everything the emitter needs, checked.</summary>
internal sealed record BoundService(
    ServiceSyntax Syntax,
    string Name,
    ImmutableArray<ServiceClassSymbol> Provided,
    string TraceLevel,
    ImmutableArray<LowerServiceSymbol> LowerServices,
    ImmutableArray<string> States,
    ImmutableArray<MessageSymbol> AutoTypes,
    ImmutableArray<MessageSymbol> Messages,
    ImmutableArray<FieldSymbol> StateVariables,
    ImmutableArray<TimerSymbol> Timers,
    ImmutableArray<EventSymbol> Events,
    ImmutableArray<TransitionSymbol> Transitions,
    ImmutableArray<TransitionSymbol> Aspects,
    ImmutableArray<DetectorSymbol> Detectors)
{
    /// <summary>The provided handlers (registries and the <c>Upcall</c> proxy), each once.</summary>
    public ImmutableArray<HandlerSymbol> ProvidedHandlers { get; } = Provided
        .SelectMany(p => p.AllHandlers)
        .GroupBy(h => h.Name, StringComparer.Ordinal)
        .Select(g => g.First())
        .ToImmutableArray();

    /// <summary>The state variables watched by any aspect, each once, in declaration order.</summary>
    public ImmutableArray<FieldSymbol> WatchedVariables { get; } = StateVariables
        .Where(v => Aspects.Any(a => a.AspectVariables.Any(w => w.Name == v.Name)))
        .ToImmutableArray();

    /// <summary>The detectors that receive probes or replies through <paramref name="upcall"/> of <paramref name="lower"/>.</summary>
    public IEnumerable<DetectorSymbol> DetectorsReceivingOn(LowerServiceSymbol lower, MethodSymbol upcall) =>
        Detectors.Where(d => d.Via?.Name == lower.Name && d.Receive?.SignatureKey == upcall.SignatureKey);
}
