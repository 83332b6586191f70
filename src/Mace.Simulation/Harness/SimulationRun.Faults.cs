using Mace.Simulation.Network;

namespace Mace.Simulation.Harness;

/// <summary>Scripted faults, partitions and Poisson churn.</summary>
public sealed partial class SimulationRun
{
    /// <summary>Cuts <paramref name="hosts"/> off from every other host.</summary>
    public void Partition(IReadOnlyList<int> hosts)
    {
        Network.Partition(hosts);
        Metrics.Count("net.partitions", Second);
    }

    /// <summary>Removes every partition.</summary>
    public void Heal()
    {
        Network.Heal();
        Metrics.Count("net.heals", Second);
    }

    private void Apply(ScriptedFault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.Crash:
                foreach (var id in fault.Hosts) Crash(HostOf(id));
                break;
            case FaultKind.Restart:
                foreach (var id in fault.Hosts) Restart(HostOf(id));
                break;
            case FaultKind.Partition:
                Partition(fault.Hosts);
                break;
            default:
                Heal();
                break;
        }
    }

    private SimHost HostOf(int id) =>
        Network.TryGetHost(id, out var host) ? host : throw new ArgumentOutOfRangeException(nameof(id), $"no host {id} in the run");

    private void ScheduleNextDeath()
    {
        var gap = _churnRandom.NextExponential(Options.Churn.Rate);
        var ticks = (long)Math.Min(gap * Engine.SimTime.TicksPerSecond, long.MaxValue / 4);
        At(Now + Math.Max(1, ticks), ChurnStep);
    }

    private void ChurnStep()
    {
        if (Options.Churn.End is { } end && Now >= end.Ticks) return;
        var bootstrap = HostOf(Options.Churn.BootstrapHost);
        if (!bootstrap.IsAlive) bootstrap = RandomLiveHost(_churnRandom.NextInt) ?? bootstrap;
        var victim = RandomLiveHost(_churnRandom.NextInt, bootstrap.Id);
        if (victim is not null)
        {
            Crash(victim);
            victim.ReleaseIncarnation();
            Metrics.Count("churn.deaths", Second);
        }
        AddNode(0, NodeStart.Join, bootstrap);
        Metrics.Count("churn.joins", Second);
        ScheduleNextDeath();
    }
}
