namespace Mace.Runtime.Hosting;

/// <summary>
/// A wall-clock timer whose work runs on the node's lane. When the clock fires, the timer posts a
/// check-and-run step; <see cref="Cancel"/> (lane only) sets a flag that step reads on the lane, so
/// a timer cancelled after it was posted still never runs its work.
/// </summary>
internal sealed class RealTimer : ITimerHandle
{
    private readonly RealNodeEnvironment _environment;
    private readonly Action _work;
    private ITimer? _clockTimer;
    private bool _done;

    public RealTimer(RealNodeEnvironment environment, TimeSpan delay, Action work)
    {
        _environment = environment;
        _work = work;
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        _clockTimer = environment.Options.TimeProvider.CreateTimer(static state => ((RealTimer)state!).OnClock(), this, delay, Timeout.InfiniteTimeSpan);
    }

    // Clock thread: hand the firing to the lane, where cancellation is decided.
    private void OnClock() => _environment.PostRaw(RunOnLane);

    private void RunOnLane()
    {
        if (_done) return;
        _done = true;
        Release();
        _work();
    }

    /// <inheritdoc/>
    public void Cancel()
    {
        if (_done) return;
        _done = true;
        Release();
    }

    /// <summary>Stops the clock without running the work (environment shutdown). Any thread.</summary>
    internal void Dispose() => Interlocked.Exchange(ref _clockTimer, null)?.Dispose();

    private void Release()
    {
        Dispose();
        _environment.Forget(this);
    }
}
