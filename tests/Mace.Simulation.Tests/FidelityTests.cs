using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Simulation.Tests;

public sealed class FidelityTests
{
    [Fact]
    public void OneWayDelay_EqualsTopologyShortestPathLatency()
    {
        var topology = new TransitStubTopology(new TransitStubOptions(), new SimRandom(11));
        var run = TestRuns.Probes(TestRuns.Options(20), topology);
        var hosts = run.Network.Hosts;
        var sendAt = SimTime.FromSeconds(1);
        foreach (var from in hosts)
        {
            run.InvokeAt(sendAt, from, _ =>
            {
                foreach (var to in hosts)
                {
                    if (to != from) TestRuns.Tcp(from).Send(to.Address, [(byte)from.Id]);
                }
            });
        }
        run.RunUntil(SimTime.FromSeconds(10));
        var checkedPairs = 0;
        foreach (var to in hosts)
        {
            foreach (var (time, source, bytes) in TestRuns.Tcp(to).Received)
            {
                var from = hosts[source.SimulatedId];
                Assert.Equal(from.Id, bytes[0]);
                Assert.Equal(topology.OneWayTicks(from.Location, to.Location), time - sendAt);
                Assert.True(time - sendAt > 0);
                checkedPairs++;
            }
        }
        Assert.Equal(20 * 19, checkedPairs);
    }

    [Fact]
    public void TransitStub_OneWayIsAccessPlusStubRouterPathPlusAccess_AndSymmetric()
    {
        var topology = new TransitStubTopology(new TransitStubOptions(), new SimRandom(5));
        var random = new SimRandom(6);
        for (var i = 0; i < 50; i++) topology.Place(i, random);
        for (var a = 0; a < 50; a++)
        {
            Assert.Equal(0, topology.OneWayTicks(a, a));
            for (var b = 0; b < 50; b++) Assert.Equal(topology.OneWayTicks(a, b), topology.OneWayTicks(b, a));
        }
        for (var r = 0; r < topology.StubRouterCount; r += 37)
        {
            for (var s = 0; s < topology.StubRouterCount; s += 41)
            {
                for (var t = 0; t < topology.StubRouterCount; t += 53)
                {
                    Assert.True(topology.StubRouterDistance(r, s) <= topology.StubRouterDistance(r, t) + topology.StubRouterDistance(t, s), "triangle inequality");
                }
            }
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void TransitStub_Defaults_MedianClientRttIsWideArea(ulong seed)
    {
        var topology = new TransitStubTopology(new TransitStubOptions(), new SimRandom(seed));
        var random = new SimRandom(seed + 100);
        for (var i = 0; i < 400; i++) topology.Place(i, random);
        var rtts = new List<double>();
        for (var a = 0; a < 400; a++)
        {
            for (var b = a + 1; b < 400; b++) rtts.Add(2 * SimTime.ToMilliseconds(topology.OneWayTicks(a, b)));
        }
        rtts.Sort();
        Assert.InRange(rtts[rtts.Count / 2], 70, 150);
    }

    [Fact]
    public void Bandwidth_TransferTimeIsSizeOverRatePlusLatency_AndUplinkQueuesFifo()
    {
        var network = new NetworkOptions { MinBandwidthMbps = 2, MaxBandwidthMbps = 8, HeaderBytes = 40 };
        var latency = TimeSpan.FromMilliseconds(30);
        var run = TestRuns.Probes(TestRuns.Options(2, network: network), new ConstantLatencyModel(latency));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        Assert.InRange(a.UplinkBitsPerSecond, 2_000_000, 8_000_000);
        const int Size = 100_000;
        var sendAt = SimTime.FromSeconds(1);
        run.InvokeAt(sendAt, a, _ =>
        {
            TestRuns.Tcp(a).Send(b.Address, new byte[Size]);
            TestRuns.Tcp(a).Send(b.Address, new byte[Size]);
        });
        run.RunUntil(SimTime.FromSeconds(10));
        var transfer = (Size + 40) * 8.0 / a.UplinkBitsPerSecond;
        var received = TestRuns.Tcp(b).Received;
        Assert.Equal(2, received.Count);
        Assert.Equal(transfer + latency.TotalSeconds, SimTime.ToSeconds(received[0].Time - sendAt), 6);
        Assert.Equal((2 * transfer) + latency.TotalSeconds, SimTime.ToSeconds(received[1].Time - sendAt), 6);
        Assert.Equal(2L * Size, a.BytesSent);
        Assert.Equal(2L * Size, b.BytesReceived);
    }

    [Fact]
    public void Downlink_TwoSendersIntoOneHostShareItsDownlink_AndOffLeavesArrivalsAsBefore()
    {
        // Uplinks 8 Mbps, the receiver's downlink 8 Mbps: two senders at once get half of it each.
        var network = new NetworkOptions { MinBandwidthMbps = 8, MaxBandwidthMbps = 8, LimitDownlink = true, MinDownlinkMbps = 8, MaxDownlinkMbps = 8, HeaderBytes = 0 };
        var latency = TimeSpan.FromMilliseconds(20);
        var run = TestRuns.Probes(TestRuns.Options(3, network: network), new ConstantLatencyModel(latency));
        var (a, b, c) = (run.Network.Hosts[0], run.Network.Hosts[1], run.Network.Hosts[2]);
        Assert.Equal(8_000_000, c.DownlinkBitsPerSecond);
        const int Size = 10_000;
        const int Each = 10;
        var sendAt = SimTime.FromSeconds(1);
        foreach (var sender in new[] { a, b })
        {
            run.InvokeAt(sendAt, sender, _ =>
            {
                for (var i = 0; i < Each; i++) TestRuns.Tcp(sender).Send(c.Address, new byte[Size]);
            });
        }
        run.RunUntil(SimTime.FromSeconds(10));
        var received = TestRuns.Tcp(c).Received;
        Assert.Equal(2 * Each, received.Count);
        var perMessage = Size * 8.0 / 8_000_000;
        // All 20 messages pass one 8 Mbps downlink: the last lands after 20 serializations there,
        // where uplinks alone would have delivered everything after 10.
        var last = SimTime.ToSeconds(received.Max(r => r.Time) - sendAt);
        Assert.Equal(latency.TotalSeconds + perMessage + (2 * Each * perMessage), last, 6);
        Assert.True(last > latency.TotalSeconds + ((Each + 1) * perMessage));
        Assert.Equal(Each, received.Count(r => r.Source == a.Address));
    }

    [Fact]
    public void UdpLoss_RateWithinStatisticalBounds()
    {
        const int Count = 20_000;
        const double Loss = 0.1;
        var run = TestRuns.Probes(TestRuns.Options(2, network: new NetworkOptions { LimitBandwidth = false, UdpLoss = Loss }));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        run.InvokeAt(SimTime.FromSeconds(1), a, _ =>
        {
            for (var i = 0; i < Count; i++) TestRuns.Udp(a).Send(b.Address, BitConverter.GetBytes(i));
        });
        run.RunUntil(SimTime.FromSeconds(5));
        var delivered = TestRuns.Udp(b).Received.Count;
        var sigma = Math.Sqrt(Count * Loss * (1 - Loss));
        Assert.InRange(delivered, Count * (1 - Loss) - (5 * sigma), Count * (1 - Loss) + (5 * sigma));
        Assert.Equal(Count - delivered, run.Network.Stats.Lost);
    }

    [Fact]
    public void Jitter_TcpStaysFifoPerPair_UdpReorders()
    {
        var network = new NetworkOptions { LimitBandwidth = false, JitterFraction = 2.0, UdpReorder = 0.5, UdpDuplicate = 0.05 };
        var run = TestRuns.Probes(TestRuns.Options(2, network: network));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        for (var i = 0; i < 500; i++)
        {
            var n = i;
            run.InvokeAt(SimTime.FromMilliseconds(1000 + n), a, _ =>
            {
                TestRuns.Tcp(a).Send(b.Address, BitConverter.GetBytes(n));
                TestRuns.Udp(a).Send(b.Address, BitConverter.GetBytes(n));
            });
        }
        run.RunUntil(SimTime.FromSeconds(5));
        var tcp = TestRuns.Tcp(b).Received.Select(r => BitConverter.ToInt32(r.Bytes)).ToList();
        var udp = TestRuns.Udp(b).Received.Select(r => BitConverter.ToInt32(r.Bytes)).ToList();
        Assert.Equal(Enumerable.Range(0, 500), tcp);
        Assert.True(udp.Zip(udp.Skip(1)).Count(p => p.First > p.Second) > 10, "UDP should arrive reordered");
        Assert.Equal(500 + run.Network.Stats.Duplicated, udp.Count);
        Assert.InRange(run.Network.Stats.Duplicated, 5, 50);
        Assert.Equal(Enumerable.Range(0, 500), udp.Distinct().Order());
    }
}
