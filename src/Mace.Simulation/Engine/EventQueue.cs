namespace Mace.Simulation.Engine;

/// <summary>
/// A 4-ary min-heap of <see cref="SimEvent"/> structs ordered by (time, sequence). A 4-ary heap
/// is shallower than a binary one and its children share cache lines, which matters at millions
/// of events a second. Single-threaded.
/// </summary>
internal sealed class EventQueue
{
    private SimEvent[] _items;
    private int _count;

    public EventQueue(int capacity = 1024)
    {
        _items = new SimEvent[Math.Max(capacity, 4)];
    }

    public int Count => _count;

    public ref readonly SimEvent Peek()
    {
        if (_count == 0) throw new InvalidOperationException("the event queue is empty");
        return ref _items[0];
    }

    public void Enqueue(in SimEvent item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var items = _items;
        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) >> 2;
            if (!item.Precedes(items[parent])) break;
            items[index] = items[parent];
            index = parent;
        }
        items[index] = item;
    }

    public SimEvent Dequeue()
    {
        if (_count == 0) throw new InvalidOperationException("the event queue is empty");
        var items = _items;
        var top = items[0];
        var last = items[--_count];
        items[_count] = default;
        if (_count > 0) SiftDown(items, last);
        return top;
    }

    private void SiftDown(SimEvent[] items, in SimEvent item)
    {
        var count = _count;
        var index = 0;
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

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }
}
