namespace Mace.Runtime.Tracing;

/// <summary>A service's trace level (<c>trace = ...;</c>); each level includes those below it.</summary>
public enum TraceLevel
{
    /// <summary>No records.</summary>
    Off = 0,

    /// <summary>Only records the service writes itself.</summary>
    Manual = 1,

    /// <summary>Every event with its parameters.</summary>
    Low = 2,

    /// <summary>Adds message contents.</summary>
    Med = 3,

    /// <summary>Adds a state snapshot after each event.</summary>
    High = 4,
}
