using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Simulation.Tests;

public sealed class TopologyTests
{
    private const string Matrix = """
        # King-format RTTs in microseconds; -1 = not measured
        0      80000  -1
        80000  0      120000

        -1     -1     0
        """;

    [Fact]
    public void KingMatrix_OneWayIsHalfRtt_MissingTakesMirrorThenMedian()
    {
        var king = KingLatencyMatrix.Parse(new StringReader(Matrix), "test");
        Assert.Equal(3, king.Size);
        Assert.Equal(SimTime.FromMilliseconds(40), king.OneWayTicks(0, 1));
        Assert.Equal(SimTime.FromMilliseconds(60), king.OneWayTicks(1, 2));
        Assert.Equal(SimTime.FromMilliseconds(60), king.OneWayTicks(2, 1));
        Assert.Equal(SimTime.FromMilliseconds(40), king.OneWayTicks(0, 2));
        Assert.Equal(SimTime.FromMilliseconds(40), king.OneWayTicks(2, 0));
        Assert.Equal(0, king.OneWayTicks(1, 1));
        Assert.Equal(1, king.Place(4, new SimRandom(1)));
    }

    [Theory]
    [InlineData("0 1\n1 0 2\n", "test:2: expected 2 values, found 3")]
    [InlineData("0 x\n1 0\n", "test:1: 'x' is not a number")]
    [InlineData("0 1 2\n1 0 2\n", "test: expected a square matrix")]
    [InlineData("# nothing\n", "test: the matrix is empty")]
    public void KingMatrix_BadInput_ReportsLine(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => KingLatencyMatrix.Parse(new StringReader(text), "test"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KingMatrix_DrivesMessageDelays()
    {
        var path = Path.Combine(Path.GetTempPath(), "king-" + Path.GetRandomFileName());
        File.WriteAllText(path, Matrix);
        var latency = TopologyFactory.Create("king:" + path, new TransitStubOptions(), 1);
        File.Delete(path);
        var run = TestRuns.Probes(TestRuns.Options(3), latency);
        var (a, c) = (run.Network.Hosts[0], run.Network.Hosts[2]);
        run.InvokeAt(SimTime.FromSeconds(1), a, _ => TestRuns.Tcp(a).Send(c.Address, [1]));
        run.RunUntil(SimTime.FromSeconds(2));
        Assert.Equal(SimTime.FromMilliseconds(1040), TestRuns.Tcp(c).Received.Single().Time);
    }

    [Fact]
    public void TransitStub_SameSeedSameTopology_OtherSeedOther()
    {
        static long[] Sample(ulong seed)
        {
            var t = new TransitStubTopology(new TransitStubOptions(), new SimRandom(seed));
            var r = new SimRandom(9);
            for (var i = 0; i < 10; i++) t.Place(i, r);
            return [.. Enumerable.Range(1, 9).Select(i => t.OneWayTicks(0, i))];
        }
        Assert.Equal(Sample(1), Sample(1));
        Assert.NotEqual(Sample(1), Sample(2));
    }

    [Fact]
    public void LatencyDistribution_PercentilesWithinBucketWidth()
    {
        var d = new LatencyDistribution("x");
        for (var i = 1; i <= 1000; i++) d.Add(i);
        Assert.Equal(1000, d.Count);
        Assert.Equal(500.5, d.Mean, 6);
        Assert.Equal(500, d.Median, 0.1);
        Assert.Equal(990, d.P99, 0.1);
        Assert.Equal(1, d.Min);
        Assert.Equal(1000, d.Max);
        d.Add(5000);
        Assert.Equal(5000, d.Percentile(100));
        Assert.Equal(1.0, d.Cdf().Last().Fraction);
    }
}
