namespace Mace.Compiler.Tests.Emit.Harness;

/// <summary>A single-threaded virtual clock with a time-ordered work queue, shared by every node of a test.</summary>
internal sealed class ManualScheduler
{
    private readonly PriorityQueue<Action, (DateTime Due, long Sequence)> _queue = new();
    private long _sequence;

    public DateTime Now { get; private set; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Enqueue(TimeSpan delay, Action work) => _queue.Enqueue(work, (Now + delay, _sequence++));

    /// <summary>Runs queued work in time order until the queue is empty or the clock would pass <paramref name="until"/>.</summary>
    public void RunUntil(DateTime until)
    {
        while (_queue.TryPeek(out _, out var priority) && priority.Due <= until)
        {
            var work = _queue.Dequeue();
            Now = priority.Due;
            work();
        }
        Now = until;
    }

    public void RunFor(TimeSpan span) => RunUntil(Now + span);
}
