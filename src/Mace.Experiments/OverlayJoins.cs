using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>How the overlay scenarios start a node: initial node i joins through host 0 at i times the spacing, a churn replacement joins through its bootstrap host at once.</summary>
internal static class OverlayJoins
{
    public static void Schedule(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap, TimeSpan spacing)
    {
        List<NodeAddress> via = bootstrap is not null ? [bootstrap.Address] : host.Id == 0 ? [] : [NodeAddress.Simulated(0)];
        var at = start == NodeStart.Initial ? Math.Max(run.Now, host.Id * spacing.Ticks) : run.Now;
        run.InvokeAt(at, host, node => node.Find<IOverlayRouter>()!.JoinOverlay(0, via));
    }
}
