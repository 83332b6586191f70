namespace Mace.Checking;

/// <summary>What a counterexample shows.</summary>
public enum ViolationKind
{
    /// <summary>A safety property is false in the last state.</summary>
    Safety,

    /// <summary>A walk never reached a state where every liveness property holds.</summary>
    Liveness,

    /// <summary>A transition threw.</summary>
    Exception,
}
