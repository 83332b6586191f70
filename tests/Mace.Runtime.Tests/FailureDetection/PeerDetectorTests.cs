using Mace.Runtime.FailureDetection;
using Mace.Runtime.Serialization;

namespace Mace.Runtime.Tests.FailureDetection;

public sealed class PeerDetectorTests
{
    private static readonly DateTime s_start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);
    private static readonly NodeAddress s_a = NodeAddress.Simulated(1);
    private static readonly NodeAddress s_b = NodeAddress.Simulated(2);

    private static DateTime At(double seconds) => s_start.AddSeconds(seconds);

    [Fact]
    public void Tick_SilentPeer_FailsOnceAfterTimeout_UntilHeardAgain()
    {
        var detector = new PeerDetector();
        detector.Tick(At(0), [s_a, s_b], s_timeout);
        Assert.Equal([s_a, s_b], detector.Watched);
        Assert.Empty(detector.Failed);

        detector.Heard(s_b, At(4));
        detector.Tick(At(5), [s_a, s_b], s_timeout);
        Assert.Empty(detector.Failed); // exactly the timeout is not longer than it

        detector.Tick(At(6), [s_a, s_b], s_timeout);
        Assert.Equal([s_a], detector.Failed);
        Assert.True(detector.IsSuspected(s_a));

        detector.Tick(At(20), [s_a, s_b], s_timeout);
        Assert.Equal([s_b], detector.Failed); // a is not raised twice; b's silence is now too long

        Assert.True(detector.Heard(s_a, At(21)));
        Assert.False(detector.IsSuspected(s_a));
        detector.Tick(At(27), [s_a, s_b], s_timeout);
        Assert.Equal([s_a], detector.Failed); // a new silence raises again
    }

    [Fact]
    public void NextDeadline_IsTheEarliestUnsuspectedSilence_AndCheckRaisesJustAfterIt()
    {
        var detector = new PeerDetector();
        Assert.Null(detector.NextDeadline(s_timeout));
        detector.Tick(At(0), [s_a, s_b], s_timeout);
        detector.Heard(s_a, At(2));
        Assert.Equal(At(5), detector.NextDeadline(s_timeout));

        detector.Check(At(5), s_timeout);
        Assert.Empty(detector.Failed);
        detector.Check(At(5).AddTicks(1), s_timeout);
        Assert.Equal([s_b], detector.Failed);
        Assert.Equal(At(7), detector.NextDeadline(s_timeout)); // b is suspected: a's deadline is next

        detector.Check(At(7).AddTicks(1), s_timeout);
        Assert.Equal([s_a], detector.Failed);
        Assert.Null(detector.NextDeadline(s_timeout));
    }

    [Fact]
    public void Tick_PeerLeavesWatchedSet_IsForgotten_AndTimedAfreshWhenItReturns()
    {
        var detector = new PeerDetector();
        detector.Tick(At(0), [s_a, s_b], s_timeout);
        detector.Tick(At(3), [s_b], s_timeout);
        Assert.Equal(1, detector.Count);
        Assert.Null(detector.LastHeard(s_a));
        Assert.False(detector.Heard(s_a, At(3.5))); // untracked: ignored

        detector.Tick(At(7), [s_a, s_b], s_timeout);
        Assert.Equal([s_b], detector.Failed);
        Assert.Equal(At(7), detector.LastHeard(s_a));
    }

    [Fact]
    public void Tick_SingleAddress_NoneWatchesNobody_DuplicatesCountOnce()
    {
        var detector = new PeerDetector();
        detector.Tick(At(0), NodeAddress.None, s_timeout);
        Assert.Empty(detector.Watched);
        detector.Tick(At(0), s_a, s_timeout);
        Assert.Equal([s_a], detector.Watched);
        detector.Tick(At(1), [s_a, s_a, NodeAddress.None], s_timeout);
        Assert.Equal([s_a], detector.Watched);
        detector.Tick(At(1), (IEnumerable<NodeAddress>?)null, s_timeout);
        Assert.Equal(0, detector.Count);
    }

    [Fact]
    public void WriteState_IndependentOfInsertionOrderAndTimes_DependsOnSuspicion()
    {
        static byte[] State(PeerDetector detector)
        {
            var buffer = new PooledBufferWriter();
            var writer = new MaceWriter(buffer);
            detector.WriteState(ref writer);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }

        var first = new PeerDetector();
        first.Tick(At(0), [s_a, s_b], s_timeout);
        var second = new PeerDetector();
        second.Tick(At(3), [s_b, s_a], s_timeout);
        Assert.Equal(State(first), State(second));

        first.Tick(At(10), [s_a, s_b], s_timeout);
        Assert.NotEqual(State(first), State(second));
        Assert.Equal("[sim:1!, sim:2!]", first.ToString());
    }
}
