namespace Mace.Checking.Execution;

/// <summary>A FIFO ring of messages on one connection. Cleared, never shrunk, between executions.</summary>
internal sealed class MessageQueue
{
    private InFlightMessage[] _items = new InFlightMessage[4];
    private int _head;

    public int Count { get; private set; }

    public ref InFlightMessage this[int index] => ref _items[(_head + index) & (_items.Length - 1)];

    public void Enqueue(in InFlightMessage message)
    {
        if (Count == _items.Length) Grow();
        _items[(_head + Count) & (_items.Length - 1)] = message;
        Count++;
    }

    public InFlightMessage Dequeue()
    {
        ref var slot = ref _items[_head];
        var message = slot;
        slot = default;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return message;
    }

    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(_items);
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var next = new InFlightMessage[_items.Length * 2];
        for (var i = 0; i < Count; i++) next[i] = this[i];
        _items = next;
        _head = 0;
    }
}
