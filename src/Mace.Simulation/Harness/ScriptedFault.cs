namespace Mace.Simulation.Harness;

/// <summary>A fault applied at a fixed virtual time.</summary>
/// <param name="At">When, from the start of the run.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Hosts">The hosts crashed or restarted; for a partition, the hosts cut off (group 1) from the rest (group 0).</param>
public sealed record ScriptedFault(TimeSpan At, FaultKind Kind, IReadOnlyList<int> Hosts)
{
    /// <summary>Crashes <paramref name="hosts"/> at <paramref name="at"/>.</summary>
    public static ScriptedFault Crash(TimeSpan at, params int[] hosts) => new(at, FaultKind.Crash, hosts);

    /// <summary>Restarts <paramref name="hosts"/> at <paramref name="at"/>.</summary>
    public static ScriptedFault Restart(TimeSpan at, params int[] hosts) => new(at, FaultKind.Restart, hosts);

    /// <summary>Cuts <paramref name="hosts"/> off from every other host at <paramref name="at"/>.</summary>
    public static ScriptedFault Partition(TimeSpan at, params int[] hosts) => new(at, FaultKind.Partition, hosts);

    /// <summary>Heals every partition at <paramref name="at"/>.</summary>
    public static ScriptedFault Heal(TimeSpan at) => new(at, FaultKind.Heal, []);
}
