using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// A bound transition. <see cref="Event"/> is null for aspects; <see cref="MessageType"/> is the
/// message named in the event's payload slot <see cref="MessageSlot"/>, if any.
/// </summary>
internal sealed class TransitionSymbol
{
    public TransitionSymbol(int index, TransitionSyntax syntax, EventSymbol? @event, ImmutableArray<ParameterSymbol> parameters, MergeKind merge, bool once)
    {
        Index = index;
        Syntax = syntax;
        Event = @event;
        Parameters = parameters;
        Merge = merge;
        Once = once;
    }

    /// <summary>Position among all transitions in source order; names the generated methods.</summary>
    public int Index { get; }

    public TransitionSyntax Syntax { get; }

    public EventSymbol? Event { get; }

    /// <summary>The parameters as the transition names them, with the event's types (or the message type).</summary>
    public ImmutableArray<ParameterSymbol> Parameters { get; }

    public MergeKind Merge { get; }

    public bool Once { get; }

    /// <summary>Whether the transition starts and/or ends a causal path (<c>[path=start]</c>, <c>[path=end]</c>).</summary>
    public PathRole Path { get; set; }

    public string? MessageType { get; set; }

    public int MessageSlot { get; set; } = -1;

    /// <summary>For aspects: the watched state variables, in order.</summary>
    public ImmutableArray<FieldSymbol> AspectVariables { get; set; } = ImmutableArray<FieldSymbol>.Empty;

    public bool HasGuard => !Syntax.Guards.IsEmpty;

    public string GuardName => "__Guard_" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string MethodName => "__Transition_" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string OnceField => "__once_" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
