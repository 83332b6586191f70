namespace Mace.Simulation.Engine;

/// <summary>
/// The discrete-event engine: a virtual clock and a queue of events ordered by (time, sequence
/// number). One thread runs everything; an event scheduled for the current time runs after every
/// event already queued for that time, so equal-time order is the order of scheduling.
/// </summary>
/// <remarks>
/// Determinism rule: nothing here reads a clock or an unseeded source, and every event is mixed
/// into <see cref="Digest"/> as it runs, so two runs of the same seed can be compared by one value.
/// </remarks>
public sealed class Simulator
{
    private readonly EventQueue _queue = new(4096);
    private long _nextSequence;

    /// <summary>The current virtual time in ticks.</summary>
    public long Now { get; private set; }

    /// <summary>The current virtual time as a clock reading.</summary>
    public DateTime Clock => SimTime.ToDateTime(Now);

    /// <summary>The number of events run so far.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>The number of events waiting.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>The hash over every event run; see <see cref="RunDigest"/>.</summary>
    public RunDigest Digest { get; } = new();

    /// <summary>When false, events are not mixed into <see cref="Digest"/> (a little faster).</summary>
    public bool DigestEnabled { get; set; } = true;

    /// <summary>Schedules <paramref name="handler"/> to run at virtual time <paramref name="time"/> (not before now).</summary>
    public void Schedule(long time, ISimEventHandler handler, object? state = null, long argument = 0, int node = -1, SimEventKind kind = SimEventKind.Other)
    {
        if (time < Now) throw new ArgumentOutOfRangeException(nameof(time), $"time {time} is before now ({Now})");
        var item = new SimEvent
        {
            Time = time,
            Sequence = _nextSequence++,
            Handler = handler,
            State = state,
            Argument = argument,
            Node = node,
            Kind = kind,
        };
        _queue.Enqueue(item);
    }

    /// <summary>Schedules <paramref name="handler"/> to run <paramref name="delay"/> ticks from now.</summary>
    public void ScheduleAfter(long delay, ISimEventHandler handler, object? state = null, long argument = 0, int node = -1, SimEventKind kind = SimEventKind.Other) =>
        Schedule(Now + Math.Max(0, delay), handler, state, argument, node, kind);

    /// <summary>The time of the next event, or null when none is queued.</summary>
    public long? NextEventTime => _queue.Count == 0 ? null : _queue.Peek().Time;

    /// <summary>Runs the next event; false when the queue is empty.</summary>
    public bool Step()
    {
        if (_queue.Count == 0) return false;
        Run(_queue.Dequeue());
        return true;
    }

    /// <summary>
    /// Runs every event due at or before <paramref name="time"/>, then leaves the clock at
    /// <paramref name="time"/>. Returns the number of events run.
    /// </summary>
    public long RunUntil(long time)
    {
        var before = EventsProcessed;
        while (_queue.Count > 0 && _queue.Peek().Time <= time) Run(_queue.Dequeue());
        if (time > Now) Now = time;
        return EventsProcessed - before;
    }

    /// <summary>Runs events until the queue is empty or <paramref name="maxEvents"/> have run.</summary>
    public long RunUntilIdle(long maxEvents = long.MaxValue)
    {
        var before = EventsProcessed;
        while (_queue.Count > 0 && EventsProcessed - before < maxEvents) Run(_queue.Dequeue());
        return EventsProcessed - before;
    }

    private void Run(in SimEvent item)
    {
        Now = item.Time;
        EventsProcessed++;
        if (DigestEnabled) Digest.AddEvent(item.Time, item.Node, item.Kind);
        item.Handler.OnEvent(item.State, item.Argument);
    }
}
