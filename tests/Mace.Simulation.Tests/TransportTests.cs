using Mace.Runtime;
using Mace.Runtime.Serialization;
using Mace.Simulation.Engine;

namespace Mace.Simulation.Tests;

public sealed class TransportTests
{
    [Fact]
    public void Route_SerializesOnSend_ReceiverGetsItsOwnCopy()
    {
        var run = TestRuns.Probes(TestRuns.Options(2));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        var bytes = new byte[] { 1, 2, 3 };
        run.InvokeAt(SimTime.FromSeconds(1), a, _ =>
        {
            Assert.True(TestRuns.Tcp(a).Send(b.Address, bytes));
            bytes[0] = 99;
        });
        run.RunUntil(SimTime.FromSeconds(2));
        Assert.Equal(new byte[] { 1, 2, 3 }, TestRuns.Tcp(b).Received.Single().Bytes);
        Assert.Equal(a.Address, TestRuns.Tcp(b).Received.Single().Source);
        Assert.Equal(3, a.BytesSent);
    }

    [Fact]
    public void Route_ToNonSimulatedOrUnknownAddress_ReturnsFalse()
    {
        var run = TestRuns.Probes(TestRuns.Options(1));
        var a = run.Network.Hosts[0];
        var results = new List<bool>();
        run.InvokeAt(SimTime.FromSeconds(1), a, _ =>
        {
            results.Add(TestRuns.Tcp(a).Send(NodeAddress.Parse("127.0.0.1:80"), [1]));
            results.Add(TestRuns.Tcp(a).Send(NodeAddress.Simulated(7), [1]));
        });
        run.RunUntil(SimTime.FromSeconds(2));
        Assert.Equal([false, false], results);
    }

    [Fact]
    public void MaceFormatException_InReceiverDemux_IsCaughtAndCounted()
    {
        var run = TestRuns.Probes(TestRuns.Options(2));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        run.InvokeAt(SimTime.FromSeconds(0.5), b, _ => TestRuns.Tcp(b).ThrowOnDeliver = new MaceFormatException("bad tag", 0));
        run.InvokeAt(SimTime.FromSeconds(1), a, _ => TestRuns.Tcp(a).Send(b.Address, [1]));
        run.InvokeAt(SimTime.FromSeconds(2), b, _ => TestRuns.Tcp(b).ThrowOnDeliver = null);
        run.InvokeAt(SimTime.FromSeconds(3), a, _ => TestRuns.Tcp(a).Send(b.Address, [2]));
        run.RunUntil(SimTime.FromSeconds(4));
        Assert.Equal(1, run.Network.Stats.FormatErrors);
        Assert.Equal(0, run.Network.Stats.FailedEvents);
        Assert.Equal(new byte[] { 2 }, TestRuns.Tcp(b).Received.Single().Bytes);
    }

    [Fact]
    public void Tcp_SendToCrashedPeer_RaisesPeerDeadOneRoundTripLater_ThenReconnectsAfterRestart()
    {
        var run = TestRuns.Probes(TestRuns.Options(2));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        run.InvokeAt(SimTime.FromSeconds(1), a, _ => TestRuns.Tcp(a).Send(b.Address, [1]));
        run.At(SimTime.FromSeconds(2), () => run.Crash(b));
        run.InvokeAt(SimTime.FromSeconds(3), a, _ =>
        {
            TestRuns.Tcp(a).Send(b.Address, [2]);
            TestRuns.Tcp(a).Send(b.Address, [3]);
            TestRuns.Udp(a).Send(b.Address, [4]);
        });
        run.At(SimTime.FromSeconds(4), () => run.Restart(b));
        run.InvokeAt(SimTime.FromSeconds(5), a, _ => TestRuns.Tcp(a).Send(b.Address, [5]));
        run.RunUntil(SimTime.FromSeconds(6));
        var errors = TestRuns.Tcp(a).Errors;
        Assert.Equal([(SimTime.FromMilliseconds(3020), b.Address, TransportError.PeerDead)], errors);
        Assert.Empty(TestRuns.Udp(a).Errors);
        Assert.Equal(new byte[] { 5 }, TestRuns.Tcp(b).Received.Single().Bytes);
        Assert.Equal(2, b.Incarnation);
    }

    [Fact]
    public void Tcp_OldConnectionToRestartedPeer_FailsWithPeerDead()
    {
        var run = TestRuns.Probes(TestRuns.Options(2));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        run.InvokeAt(SimTime.FromSeconds(1), a, _ => TestRuns.Tcp(a).Send(b.Address, [1]));
        run.At(SimTime.FromSeconds(2), () => run.Crash(b));
        run.At(SimTime.FromSeconds(2.5), () => run.Restart(b));
        run.InvokeAt(SimTime.FromSeconds(3), a, _ => TestRuns.Tcp(a).Send(b.Address, [2]));
        run.InvokeAt(SimTime.FromSeconds(4), a, _ => TestRuns.Tcp(a).Send(b.Address, [3]));
        run.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal(TransportError.PeerDead, TestRuns.Tcp(a).Errors.Single().Error);
        Assert.Equal(new byte[] { 3 }, TestRuns.Tcp(b).Received.Single().Bytes);
    }

    [Fact]
    public void InFlightMessagesOfCrashedSender_AreDropped()
    {
        var run = TestRuns.Probes(TestRuns.Options(2));
        var (a, b) = (run.Network.Hosts[0], run.Network.Hosts[1]);
        run.InvokeAt(SimTime.FromSeconds(1), a, _ => TestRuns.Tcp(a).Send(b.Address, [1]));
        run.At(SimTime.FromMilliseconds(1005), () => run.Crash(a));
        run.RunUntil(SimTime.FromSeconds(2));
        Assert.Empty(TestRuns.Tcp(b).Received);
        Assert.Equal(1, run.Network.Stats.DroppedStaleSender);
    }

    [Fact]
    public void Partition_TcpRaisesConnectFailed_UdpVanishes_HealRestoresDelivery()
    {
        var run = TestRuns.Probes(TestRuns.Options(3));
        var (a, b, c) = (run.Network.Hosts[0], run.Network.Hosts[1], run.Network.Hosts[2]);
        run.At(SimTime.FromSeconds(1), () => run.Partition([1]));
        run.InvokeAt(SimTime.FromSeconds(2), a, _ =>
        {
            TestRuns.Tcp(a).Send(b.Address, [1]);
            TestRuns.Udp(a).Send(b.Address, [1]);
            TestRuns.Tcp(a).Send(c.Address, [1]);
        });
        run.At(SimTime.FromSeconds(3), run.Heal);
        run.InvokeAt(SimTime.FromSeconds(4), a, _ => TestRuns.Tcp(a).Send(b.Address, [2]));
        run.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal([(SimTime.FromMilliseconds(2020), b.Address, TransportError.ConnectFailed)], TestRuns.Tcp(a).Errors);
        Assert.Empty(TestRuns.Udp(b).Received);
        Assert.Single(TestRuns.Tcp(c).Received);
        Assert.Equal(new byte[] { 2 }, TestRuns.Tcp(b).Received.Single().Bytes);
        Assert.Equal(2, run.Network.Stats.DroppedPartition);
    }
}
