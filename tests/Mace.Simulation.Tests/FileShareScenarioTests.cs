using Mace.Experiments;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>The file sharing network in the simulator: super-peers are elected, floods find almost everything at a high price, random walks nearly as much for a fraction of the messages.</summary>
public sealed class FileShareScenarioTests
{
    [Fact]
    public void ThreeHundredNodes_ElectSuperPeers_AndWalksFindFilesWithFarFewerMessagesThanFloods()
    {
        var options = new SimulationOptions { Nodes = 300, Seed = 7, Duration = FileShareScenario.Needed(300), ThrowOnEventFailure = true };
        var run = new SimulationRun(new FileShareScenario(), options);
        var result = run.Run();
        var m = run.Metrics;
        Assert.Equal(0, m.Counter("fileshare.unplaced"));
        Assert.InRange(m.Counter("fileshare.supers"), 20, 100);
        Assert.Equal(300, m.Counter("fileshare.supers") + m.Counter("fileshare.leaves"));
        // Floods: success grows with the TTL (up to the searches for files no node shares), and so does the price.
        var flood = m.Counter("search.flood.ttl3.success.per.10000");
        Assert.True(flood >= 8_000, $"{flood}");
        Assert.True(m.Counter("search.flood.ttl1.success.per.10000") < flood);
        Assert.True(m.Counter("search.flood.ttl1.messages.per.100.searches") < m.Counter("search.flood.ttl3.messages.per.100.searches"));
        // A long random walk finds almost as much for a tenth of the messages, or less.
        Assert.True(m.Counter("search.walk.ttl64.success.per.10000") * 10 >= flood * 9, $"{m.Counter("search.walk.ttl64.success.per.10000")} against {flood}");
        Assert.True(m.Counter("search.walk.ttl64.messages.per.100.searches") * 10 < m.Counter("search.flood.ttl3.messages.per.100.searches"));
        Assert.True(m.Counter("download.ok") > 0);
        Assert.Equal(result.Digest, new SimulationRun(new FileShareScenario(), options).Run().Digest);
    }
}
