using Mace.Experiments;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Simulation.Tests;

/// <summary>BulletPrime in the simulator: every node gets the whole file, and the mesh beats streaming down the same control tree.</summary>
public sealed class BulletPrimeScenarioTests
{
    private static SimulationOptions Options(ulong seed) => new()
    {
        Nodes = 40,
        Seed = seed,
        Duration = TimeSpan.FromSeconds(200),
        Network = new NetworkOptions { LimitDownlink = true, MinDownlinkMbps = 4, MaxDownlinkMbps = 12 },
    };

    [Fact]
    public void FortyNodes_AllCompleteTheFile_FasterOverTheMeshThanDownTheTree()
    {
        var mesh = new SimulationRun(new BulletPrimeScenario { Blocks = 128 }, Options(7));
        var result = mesh.Run();
        var tree = new SimulationRun(new BulletPrimeScenario { Blocks = 128, MeshPeers = false }, Options(7));
        tree.Run();
        foreach (var run in new[] { mesh, tree })
        {
            Assert.Equal(40, run.Metrics.Counter("bulletprime.nodes.complete"));
            Assert.Equal(39, run.Metrics.Distribution("bulletprime.completion", "s").Count);
        }
        var meshMedian = mesh.Metrics.Distribution("bulletprime.completion", "s").Median;
        var treeMedian = tree.Metrics.Distribution("bulletprime.completion", "s").Median;
        Assert.True(meshMedian < treeMedian, $"mesh median {meshMedian:F1} s, tree median {treeMedian:F1} s");
        // Mesh peers, not only the source, served blocks: the source sent less than the tree made it send.
        Assert.True(mesh.Metrics.Counter("bulletprime.blocks.served.by.source") < tree.Metrics.Counter("bulletprime.blocks.served.by.source"));
        Assert.Equal(result.Digest, new SimulationRun(new BulletPrimeScenario { Blocks = 128 }, Options(7)).Run().Digest);
    }
}
