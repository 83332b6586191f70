using Mace.Simulation.Engine;

namespace Mace.Simulation.Tests;

public sealed class EngineTests
{
    private sealed class Recorder : ISimEventHandler
    {
        public List<(long Time, long Argument)> Seen { get; } = [];

        public Simulator? Simulator { get; set; }

        public void OnEvent(object? state, long argument) => Seen.Add((Simulator!.Now, argument));
    }

    [Fact]
    public void EventQueue_RandomTimes_DequeuesByTimeThenSequence()
    {
        var random = new SimRandom(42);
        var queue = new EventQueue(4);
        var handler = new Recorder();
        for (var i = 0; i < 10_000; i++)
        {
            queue.Enqueue(new SimEvent { Time = random.NextInt(100), Sequence = i, Handler = handler });
        }
        var previous = queue.Dequeue();
        for (var i = 1; i < 10_000; i++)
        {
            var next = queue.Dequeue();
            Assert.True(previous.Precedes(next), $"{previous.Time}/{previous.Sequence} before {next.Time}/{next.Sequence}");
            previous = next;
        }
        Assert.Equal(0, queue.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EventQueue_InterleavedNearCalendarAndFarEvents_MatchASortedReference(int seed)
    {
        // Events land in the current bucket, later buckets within the horizon, and beyond it
        // (the far heap), while the clock advances as a simulator's does: each new event is
        // scheduled at or after the one just taken out. The queue must hand them back in exactly
        // the (time, sequence) order of a sorted list.
        var random = new SimRandom((ulong)seed);
        var queue = new EventQueue(4);
        var reference = new SortedSet<(long Time, long Sequence)>();
        var handler = new Recorder();
        long now = 0, sequence = 0, taken = 0;
        long[] spans = [0, 10, EventQueue.BucketTicks, 50 * EventQueue.BucketTicks, EventQueue.BucketCount * EventQueue.BucketTicks, 5L * EventQueue.BucketCount * EventQueue.BucketTicks];
        void Add(long time)
        {
            queue.Enqueue(new SimEvent { Time = time, Sequence = sequence, Handler = handler });
            reference.Add((time, sequence++));
        }
        for (var i = 0; i < 2_000; i++) Add(random.NextInt(3) == 0 ? 0 : (long)random.NextInt(int.MaxValue) % spans[^1]);
        while (queue.Count > 0)
        {
            Assert.Equal(reference.Count, queue.Count);
            var peeked = queue.Peek();
            var next = queue.Dequeue();
            var expected = reference.Min;
            reference.Remove(expected);
            Assert.Equal(peeked.Sequence, next.Sequence);
            Assert.Equal(expected, (next.Time, next.Sequence));
            Assert.True(next.Time >= now, $"time went back from {now} to {next.Time}");
            now = next.Time;
            taken++;
            if (sequence < 20_000)
            {
                for (var k = random.NextInt(3); k > 0; k--)
                {
                    var span = spans[random.NextInt(spans.Length)];
                    Add(now + (span == 0 ? 0 : random.NextInt((int)Math.Min(span, int.MaxValue))));
                }
            }
        }
        Assert.Equal(sequence, taken);
        Assert.Empty(reference);
    }

    [Fact]
    public void EventQueue_Clear_ForgetsEveryBucketAndStartsOver()
    {
        var queue = new EventQueue(4);
        var handler = new Recorder();
        for (var i = 0; i < 300; i++)
        {
            queue.Enqueue(new SimEvent { Time = i * EventQueue.BucketTicks * 7, Sequence = i, Handler = handler });
        }
        queue.Dequeue();
        queue.Clear();
        Assert.Equal(0, queue.Count);
        queue.Enqueue(new SimEvent { Time = 3 * EventQueue.BucketTicks, Sequence = 1000, Handler = handler });
        queue.Enqueue(new SimEvent { Time = EventQueue.BucketTicks, Sequence = 1001, Handler = handler });
        Assert.Equal(1001, queue.Dequeue().Sequence);
        Assert.Equal(1000, queue.Dequeue().Sequence);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Simulator_EqualTimes_RunInSchedulingOrder()
    {
        var simulator = new Simulator();
        var recorder = new Recorder { Simulator = simulator };
        simulator.Schedule(5, recorder, argument: 1);
        simulator.Schedule(3, recorder, argument: 2);
        simulator.Schedule(5, recorder, argument: 3);
        simulator.Schedule(3, recorder, argument: 4);
        simulator.RunUntilIdle();
        Assert.Equal([(3L, 2L), (3L, 4L), (5L, 1L), (5L, 3L)], recorder.Seen);
    }

    [Fact]
    public void Simulator_RunUntil_StopsAtBoundAndAdvancesClock()
    {
        var simulator = new Simulator();
        var recorder = new Recorder { Simulator = simulator };
        simulator.Schedule(10, recorder, argument: 1);
        simulator.Schedule(20, recorder, argument: 2);
        simulator.Schedule(21, recorder, argument: 3);
        Assert.Equal(2, simulator.RunUntil(20));
        Assert.Equal(20, simulator.Now);
        Assert.Equal(1, simulator.PendingEvents);
        Assert.Equal(0, simulator.RunUntil(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Schedule(19, recorder));
    }

    [Fact]
    public void RunDigest_DiffersWhenAnyEventDiffers()
    {
        static string Digest(long time, int node, SimEventKind kind, byte[] bytes)
        {
            var digest = new RunDigest();
            digest.AddEvent(time, node, kind);
            digest.AddBytes(bytes);
            return digest.ToString();
        }
        var baseline = Digest(1, 2, SimEventKind.Deliver, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(baseline, Digest(1, 2, SimEventKind.Deliver, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.NotEqual(baseline, Digest(2, 2, SimEventKind.Deliver, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.NotEqual(baseline, Digest(1, 3, SimEventKind.Deliver, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.NotEqual(baseline, Digest(1, 2, SimEventKind.Timer, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.NotEqual(baseline, Digest(1, 2, SimEventKind.Deliver, [1, 2, 3, 4, 5, 6, 7, 8, 8]));
        Assert.NotEqual(baseline, Digest(1, 2, SimEventKind.Deliver, [1, 2, 3, 4, 5, 6, 7, 8, 9, 0]));
    }

    [Fact]
    public void SimRandom_SameSeed_SameStream_OtherSeed_OtherStream()
    {
        var a = new SimRandom(7);
        var b = new SimRandom(7);
        var c = new SimRandom(8);
        var same = 0;
        for (var i = 0; i < 100; i++)
        {
            var x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            if (x == c.NextUInt64()) same++;
        }
        Assert.Equal(0, same);
        Assert.NotEqual(SimRandom.Derive(1, 10, 1), SimRandom.Derive(1, 10, 2));
        Assert.NotEqual(SimRandom.Derive(1, 10, 1), SimRandom.Derive(1, 11, 1));
    }

    [Fact]
    public void SimRandom_NextInt_IsInRangeAndRoughlyUniform()
    {
        var random = new SimRandom(3);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++) counts[random.NextInt(10)]++;
        foreach (var count in counts) Assert.InRange(count, 9_600, 10_400);
        for (var i = 0; i < 1000; i++)
        {
            var d = random.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }
}
