namespace Mace.Simulation.Harness;

/// <summary>The kinds of scripted fault.</summary>
public enum FaultKind
{
    /// <summary>Kill the current incarnation; its messages and timers are dropped.</summary>
    Crash,

    /// <summary>Start a new incarnation of a dead host (its stack runs MaceInit again).</summary>
    Restart,

    /// <summary>Cut the listed hosts off from the rest.</summary>
    Partition,

    /// <summary>Remove every partition.</summary>
    Heal,
}
