using System.Numerics;

namespace Mace.Simulation.Engine;

/// <summary>
/// The pending events, ordered by (time, sequence): a calendar of fixed-width time buckets in
/// front of two 4-ary heaps. Single-threaded.
/// </summary>
/// <remarks>
/// <para>
/// A single heap of every pending event is a cache miss per level once it holds a few hundred
/// thousand events (100,000 simulated nodes), and at that size sifting was a sixth of the
/// simulator's time. Here only the events of the current bucket (<see cref="BucketTicks"/> of
/// virtual time) are in a heap, the near heap, which stays small enough to sit in cache. Events
/// further ahead, up to <see cref="BucketCount"/> buckets, are appended unsorted to their bucket
/// and heapified when the clock reaches it; events beyond that horizon wait in a far heap and move
/// into the calendar as the horizon passes them.
/// </para>
/// <para>
/// The order is exactly the single heap's order, (time, sequence), so runs and their digests do
/// not change. Invariant: the near heap holds every event of a bucket at or before
/// <c>_currentBucket</c>, the calendar every event of the next <c>BucketCount - 1</c> buckets,
/// the far heap every later one; the minimum is therefore in the near heap whenever it is not
/// empty.
/// </para>
/// </remarks>
internal sealed class EventQueue
{
    /// <summary>The width of one bucket: 4 ms of virtual time.</summary>
    internal const long BucketTicks = 4 * SimTime.TicksPerMillisecond;

    /// <summary>The number of buckets: a horizon of about 4.1 s.</summary>
    internal const int BucketCount = 1024;

    private const int BucketMask = BucketCount - 1;

    private readonly Heap _near;
    private readonly Heap _far = new(16);
    private readonly SimEvent[]?[] _buckets = new SimEvent[]?[BucketCount];
    private readonly int[] _bucketCounts = new int[BucketCount];
    private readonly ulong[] _occupied = new ulong[BucketCount / 64];
    private readonly Stack<SimEvent[]> _spareArrays = new();
    private long _currentBucket;
    private int _calendarCount;
    private int _count;

    public EventQueue(int capacity = 1024)
    {
        _near = new Heap(Math.Max(capacity, 4));
    }

    public int Count => _count;

    public ref readonly SimEvent Peek()
    {
        if (_count == 0) throw new InvalidOperationException("the event queue is empty");
        if (_near.Count == 0) Advance();
        return ref _near.Top;
    }

    public void Enqueue(in SimEvent item)
    {
        _count++;
        var bucket = item.Time / BucketTicks;
        if (bucket <= _currentBucket) _near.Push(item);
        else if (bucket - _currentBucket < BucketCount) AddToCalendar(bucket, item);
        else _far.Push(item);
    }

    public SimEvent Dequeue()
    {
        if (_count == 0) throw new InvalidOperationException("the event queue is empty");
        if (_near.Count == 0) Advance();
        _count--;
        return _near.Pop();
    }

    public void Clear()
    {
        _near.Clear();
        _far.Clear();
        for (var slot = 0; slot < BucketCount; slot++)
        {
            if (_bucketCounts[slot] > 0) ReleaseBucket(slot);
        }
        Array.Clear(_occupied);
        _calendarCount = 0;
        _count = 0;
    }

    private void AddToCalendar(long bucket, in SimEvent item)
    {
        var slot = (int)(bucket & BucketMask);
        var items = _buckets[slot];
        var used = _bucketCounts[slot];
        if (items is null)
        {
            items = _spareArrays.Count > 0 ? _spareArrays.Pop() : new SimEvent[64];
            _buckets[slot] = items;
            _occupied[slot >> 6] |= 1UL << slot;
        }
        else if (used == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
            _buckets[slot] = items;
        }
        items[used] = item;
        _bucketCounts[slot] = used + 1;
        _calendarCount++;
    }

    /// <summary>Moves the clock's bucket to the next one holding events and loads it into the near heap.</summary>
    private void Advance()
    {
        if (_calendarCount > 0)
        {
            _currentBucket += DistanceToNextOccupied();
            var slot = (int)(_currentBucket & BucketMask);
            var used = _bucketCounts[slot];
            _near.Load(_buckets[slot]!, used);
            _calendarCount -= used;
            ReleaseBucket(slot);
        }
        else
        {
            // Nothing within the horizon: jump straight to the far heap's first bucket.
            _currentBucket = _far.Top.Time / BucketTicks;
        }
        // The horizon moved: the far events it now covers go to the calendar (or the near heap).
        while (_far.Count > 0)
        {
            var bucket = _far.Top.Time / BucketTicks;
            if (bucket - _currentBucket >= BucketCount) break;
            var item = _far.Pop();
            if (bucket <= _currentBucket) _near.Push(item);
            else AddToCalendar(bucket, item);
        }
    }

    /// <summary>How many buckets ahead of the current one the next occupied bucket is (1 to BucketCount - 1).</summary>
    private long DistanceToNextOccupied()
    {
        var start = (int)((_currentBucket + 1) & BucketMask);
        for (var offset = 0; offset < BucketCount;)
        {
            var slot = (start + offset) & BucketMask;
            var bits = _occupied[slot >> 6] >> (slot & 63);
            if (bits != 0) return 1 + offset + BitOperations.TrailingZeroCount(bits);
            offset += 64 - (slot & 63); // on to the first slot of the next word
        }
        throw new InvalidOperationException("the calendar count says events are queued but no bucket holds one");
    }

    private void ReleaseBucket(int slot)
    {
        var items = _buckets[slot]!;
        Array.Clear(items, 0, _bucketCounts[slot]);
        _spareArrays.Push(items);
        _buckets[slot] = null;
        _bucketCounts[slot] = 0;
        _occupied[slot >> 6] &= ~(1UL << slot);
    }

    /// <summary>A 4-ary min-heap of events: shallower than a binary one, and its children share cache lines.</summary>
    private sealed class Heap(int capacity)
    {
        private SimEvent[] _items = new SimEvent[capacity];

        public int Count { get; private set; }

        public ref SimEvent Top => ref _items[0];

        public void Push(in SimEvent item)
        {
            if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            var items = _items;
            var index = Count++;
            while (index > 0)
            {
                var parent = (index - 1) >> 2;
                if (!item.Precedes(items[parent])) break;
                items[index] = items[parent];
                index = parent;
            }
            items[index] = item;
        }

        public SimEvent Pop()
        {
            var items = _items;
            var top = items[0];
            var last = items[--Count];
            items[Count] = default;
            if (Count > 0) SiftDown(0, last);
            return top;
        }

        /// <summary>Replaces an empty heap's contents with <paramref name="count"/> events from <paramref name="source"/>, heapified in place.</summary>
        public void Load(SimEvent[] source, int count)
        {
            if (_items.Length < count) _items = new SimEvent[Math.Max(count, _items.Length * 2)];
            Array.Copy(source, _items, count);
            Count = count;
            for (var index = (count - 2) >> 2; index >= 0; index--) SiftDown(index, _items[index]);
        }

        public void Clear()
        {
            Array.Clear(_items, 0, Count);
            Count = 0;
        }

        private void SiftDown(int index, SimEvent item)
        {
            var items = _items;
            var count = Count;
            while (true)
            {
                var first = (index << 2) + 1;
                if (first >= count) break;
                var best = first;
                var end = Math.Min(first + 4, count);
                for (var child = first + 1; child < end; child++)
                {
                    if (items[child].Precedes(items[best])) best = child;
                }
                if (!items[best].Precedes(item)) break;
                items[index] = items[best];
                index = best;
            }
            items[index] = item;
        }
    }
}
