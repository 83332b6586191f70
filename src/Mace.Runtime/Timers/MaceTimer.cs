namespace Mace.Runtime.Timers;

/// <summary>
/// A service timer without arguments (<c>timer Name [recur(period)];</c>): at most one firing is
/// pending; scheduling again replaces it. A recurring timer re-arms itself with its period before
/// its scheduler transition runs, so the transition may cancel it. Lane only.
/// </summary>
public sealed class MaceTimer
{
    private readonly ServiceBase _owner;
    private readonly Action _fire;
    private ITimerHandle? _pending;

    /// <summary>Creates the timer <paramref name="name"/> of <paramref name="owner"/>; <paramref name="fire"/> is its scheduler dispatcher.</summary>
    public MaceTimer(ServiceBase owner, string name, Action fire, TimeSpan? recur = null)
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

    /// <summary>True while a firing is pending.</summary>
    public bool IsScheduled => _pending is not null;

    /// <summary>When the pending firing is due; <see cref="DateTime.MinValue"/> when none.</summary>
    public DateTime DueTime { get; private set; }

    /// <summary>Fires after <paramref name="delay"/>, replacing any pending firing.</summary>
    public void Schedule(TimeSpan delay)
    {
        Cancel();
        DueTime = _owner.Node.Environment.Now + delay;
        ITimerHandle? handle = null;
        handle = _owner.Node.SetTimer(delay, () =>
        {
            if (!ReferenceEquals(_pending, handle)) return;
            _pending = null;
            DueTime = DateTime.MinValue;
            if (Recur is { } period) Schedule(period);
            _fire();
        });
        _pending = handle;
    }

    /// <summary>Cancels the pending firing, if any.</summary>
    public void Cancel()
    {
        _pending?.Cancel();
        _pending = null;
        DueTime = DateTime.MinValue;
    }
}
