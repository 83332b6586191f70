namespace Mace.Runtime.Timers;

/// <summary>
/// The pending firings of a timer with arguments: each one's handle and its arguments' hash, so
/// the timer can cancel them and the model checker can tell apart two states that differ only in
/// a pending firing's arguments. Lane only.
/// </summary>
internal sealed class PendingFirings
{
    private readonly List<(ITimerHandle Handle, int ArgumentsHash)> _pending = [];

    public int Count => _pending.Count;

    /// <summary>The multiset of pending firings: their count plus a mix of each arguments hash, independent of order.</summary>
    public int State
    {
        get
        {
            var sum = _pending.Count;
            foreach (var (_, hash) in _pending) sum += (int)((uint)hash * 0x9E3779B1u) ^ (hash >>> 15);
            return sum;
        }
    }

    public void Add(ITimerHandle handle, int argumentsHash) => _pending.Add((handle, argumentsHash));

    /// <summary>Removes the firing of <paramref name="handle"/>; false when it was cancelled already.</summary>
    public bool Remove(ITimerHandle handle)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (!ReferenceEquals(_pending[i].Handle, handle)) continue;
            _pending.RemoveAt(i);
            return true;
        }
        return false;
    }

    public void CancelAll()
    {
        foreach (var (handle, _) in _pending) handle.Cancel();
        _pending.Clear();
    }
}
