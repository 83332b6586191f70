namespace Mace.Runtime.Timers;

/// <summary>
/// A service timer with 1 argument(s) (<c>timer&lt;...&gt; Name [recur(period)];</c>): each
/// <see cref="Schedule"/> adds a pending firing carrying its arguments; <see cref="Cancel"/> drops
/// them all. A recurring firing re-arms itself with the same arguments before its transition runs. Lane only.
/// </summary>
public sealed class MaceTimer<T1>
{
    private readonly ServiceBase _owner;
    private readonly Action<T1> _fire;
    private readonly PendingFirings _pending = new();

    /// <summary>Creates the timer <paramref name="name"/> of <paramref name="owner"/>; <paramref name="fire"/> is its scheduler dispatcher.</summary>
    public MaceTimer(ServiceBase owner, string name, Action<T1> fire, TimeSpan? recur = null)
    {
        _owner = owner;
        Name = name;
        _fire = fire;
        Recur = recur;
    }

    /// <summary>The timer's name in the service.</summary>
    public string Name { get; }

    /// <summary>The recurrence period, if any.</summary>
    public TimeSpan? Recur { get; }

    /// <summary>True while any firing is pending.</summary>
    public bool IsScheduled => _pending.Count > 0;

    /// <summary>The number of pending firings.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// The pending firings as a multiset: their count and their arguments' hashes, independent of
    /// order. The model checker adds it to the state hash, so two states that differ only in a
    /// pending firing's arguments stay distinct. Consistent within a process (it uses the
    /// arguments' <c>GetHashCode</c>).
    /// </summary>
    public int PendingState => _pending.State;

    /// <summary>Adds a firing after <paramref name="delay"/> with the given arguments.</summary>
    public void Schedule(TimeSpan delay, T1 arg1)
    {
        ITimerHandle? handle = null;
        handle = _owner.Node.SetTimer(delay, () =>
        {
            if (handle is null || !_pending.Remove(handle)) return;
            if (Recur is { } period) Schedule(period, arg1);
            _fire(arg1);
        });
        _pending.Add(handle, HashCode.Combine(arg1));
    }

    /// <summary>Cancels every pending firing.</summary>
    public void Cancel() => _pending.CancelAll();
}
