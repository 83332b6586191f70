namespace Mace.Checking;

/// <summary>
/// A property violation: the choices that lead to it from the initial state, the number of steps
/// they take, and for liveness the critical transition (the 1-based step after which no random
/// walk reached a live state).
/// </summary>
public sealed record Violation(ViolationKind Kind, string Property, IReadOnlyList<int> Choices, int Steps, string Message)
{
    /// <summary>For liveness: the step after which no walk recovers; null when not searched or not found.</summary>
    public int? CriticalStep { get; init; }

    /// <summary>A one-line summary.</summary>
    public override string ToString() => Kind switch
    {
        ViolationKind.Safety => $"safety property '{Property}' violated after {Steps} steps",
        ViolationKind.Liveness => $"liveness property '{Property}' never held in {Steps} steps" + (CriticalStep is { } c ? $"; critical transition: step {c}" : ""),
        _ => $"transition threw after {Steps} steps: {Message}",
    };
}
