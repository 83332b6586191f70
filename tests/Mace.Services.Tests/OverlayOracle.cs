using Mace.Runtime;
using Mace.Simulation.Harness;

namespace Mace.Services.Tests;

/// <summary>Walks NextHop from node to node (no messages) and computes the true owner of a key.</summary>
internal static class OverlayOracle
{
    /// <summary>The node a lookup from <paramref name="from"/> ends at, and its hops.</summary>
    public static (NodeAddress Owner, int Hops) Walk(SimulationRun run, NodeAddress from, Key key)
    {
        var at = from;
        for (var hops = 0; hops < 64; hops++)
        {
            var node = run.Network.Hosts[at.SimulatedId].Node ?? throw new InvalidOperationException($"{at} is dead");
            var next = NodeAddress.None;
            node.Execute(() => next = node.Find<IOverlayRouter>()!.NextHop(0, key));
            if (next == at) return (at, hops);
            at = next;
        }
        throw new InvalidOperationException($"lookup for {key} from {from} loops");
    }

    /// <summary>The numerically closest live node (Pastry, Bamboo) or the successor (Chord).</summary>
    public static NodeAddress TrueOwner(SimulationRun run, Key key, OverlayKind overlay) =>
        run.LiveHosts.Select(h => h.Address)
            .OrderBy(a => overlay == OverlayKind.Chord ? key.ClockwiseDistance(RingMath.IdOf(a)) : RingMath.IdOf(a).AbsoluteDistance(key))
            .ThenBy(a => RingMath.IdOf(a))
            .First();
}
