using System.Collections.Concurrent;

namespace Mace.Runtime.Hosting;

/// <summary>
/// A node's event lane on the thread pool: FIFO, one piece of work at a time, no lock. Producers on
/// any thread enqueue and, if no turn is scheduled, schedule one; a turn runs at most a batch of
/// work, then clears the flag and reschedules itself if more work arrived. A socket loop may run
/// the turn itself (<see cref="PostAndRun"/>) when none is scheduled.
/// </summary>
/// <remarks>
/// Invariant: at most one thread runs a turn, because only the thread that flips
/// <c>_scheduled</c> from 0 to 1 queues one (or runs it), and a turn clears it only after its last
/// piece of work.
/// The interlocked flip and the queue order every piece of work after the one before it, whatever
/// thread each runs on.
/// </remarks>
internal sealed class EventLane : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly int _batchSize;
    private readonly Action<Exception> _onUnhandled;
    private int _scheduled;
    private volatile bool _closed;

    public EventLane(int batchSize, Action<Exception> onUnhandled)
    {
        _batchSize = batchSize;
        _onUnhandled = onUnhandled;
    }

    /// <summary>Work queued and not yet started.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>True once <see cref="Close"/> ran: new work is dropped.</summary>
    public bool IsClosed => _closed;

    /// <summary>Queues <paramref name="work"/>. Any thread.</summary>
    public void Post(Action work)
    {
        if (_closed) return;
        _queue.Enqueue(work);
        ScheduleTurn();
    }

    /// <summary>
    /// Queues <paramref name="work"/> and, if no turn is scheduled, runs the turn on the calling thread
    /// instead of waking a thread-pool thread for it. For socket loops on the thread pool: work they
    /// produce runs while its data is hot, with no hand-off. Never call it from lane work.
    /// </summary>
    public void PostAndRun(Action work)
    {
        if (_closed) return;
        _queue.Enqueue(work);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0) RunTurn();
    }

    /// <summary>Drops queued work and refuses more. Any thread.</summary>
    public void Close()
    {
        _closed = true;
        _queue.Clear();
    }

    private void ScheduleTurn()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            // preferLocal: a lane woken by another lane's event (a message between nodes of one
            // process) runs next on the same worker, instead of waking another thread.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>One turn: up to a batch of work, in order.</summary>
    void IThreadPoolWorkItem.Execute() => RunTurn();

    // Runs by whoever flipped _scheduled from 0 to 1: a thread-pool turn, or PostAndRun's caller.
    private void RunTurn()
    {
        for (var i = 0; i < _batchSize && !_closed && _queue.TryDequeue(out var work); i++)
        {
            try
            {
                work();
            }
            catch (Exception ex)
            {
                _onUnhandled(ex);
            }
        }
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_queue.IsEmpty && !_closed) ScheduleTurn();
    }
}
