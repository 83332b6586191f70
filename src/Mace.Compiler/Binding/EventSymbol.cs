using System.Collections.Immutable;

namespace Mace.Compiler.Binding;

/// <summary>
/// An event the service answers: a provided downcall, a lifecycle call, a lower upcall or a timer.
/// Its parameters are the declaration's; <see cref="Transitions"/> are in source order.
/// </summary>
internal sealed class EventSymbol
{
    public EventSymbol(EventKind kind, string name, string returnType, ImmutableArray<ParameterSymbol> parameters, MethodSymbol? method, TimerSymbol? timer)
    {
        Kind = kind;
        Name = name;
        ReturnType = returnType;
        Parameters = parameters;
        Method = method;
        Timer = timer;
    }

    public EventKind Kind { get; }

    public string Name { get; }

    public string ReturnType { get; }

    public bool IsVoid => ReturnType == "void";

    public ImmutableArray<ParameterSymbol> Parameters { get; }

    /// <summary>The declaring serviceclass method (null for lifecycle events and timers).</summary>
    public MethodSymbol? Method { get; }

    public TimerSymbol? Timer { get; }

    public List<TransitionSymbol> Transitions { get; } = [];

    /// <summary>True when a transition named this event but failed to bind; suppresses MACE3001/MACE3002 cascades.</summary>
    public bool HasFailedTransitions { get; set; }

    /// <summary>True when a downcall carries the caller's registration id (<c>rid</c>).</summary>
    public bool HasRid => Kind is EventKind.Downcall or EventKind.Lifecycle;

    /// <summary>Distinguishes overloads' dispatchers (empty for the first).</summary>
    public string DispatcherSuffix { get; set; } = string.Empty;

    /// <summary>The generated dispatcher's name.</summary>
    public string DispatcherName => Kind switch
    {
        EventKind.Scheduler => "__Scheduler_" + Name,
        EventKind.Upcall => "__Upcall_" + Name,
        _ => "__Downcall_" + Name,
    } + DispatcherSuffix;

    /// <summary>Transitions that name a message type in a payload slot.</summary>
    public bool HasTypedTransitions => Transitions.Any(t => t.MessageType is not null);

    public override string ToString() => Name;
}
