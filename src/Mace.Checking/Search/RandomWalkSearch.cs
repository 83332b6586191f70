using Mace.Checking.Execution;

namespace Mace.Checking.Search;

/// <summary>
/// Random walks from the exhaustive search's frontier. Walk k starts at a frontier state and takes
/// up to <see cref="CheckOptions.MaxSteps"/> uniformly random choices, all drawn from the seed
/// <c>Derive(Options.Seed, k)</c>, so walk k replays on its own. A walk breaking safety is a safety
/// violation; a walk that never reaches a live state is a liveness violation once
/// <see cref="CriticalTransitionSearch"/> confirms its last state is dead.
/// </summary>
internal sealed class RandomWalkSearch
{
    // Walks a thread claims at a time, and walks between two updates of the shared counters: walks
    // can be a few microseconds each, and a shared counter touched by both threads after every walk
    // costs a cache-line transfer each time.
    internal const int WalkBlock = 32;

    private readonly CheckWorld _world;
    private readonly CheckOptions _options;
    private readonly SearchStats _stats;
    private readonly Func<CheckWorld>? _newWorld;

    public RandomWalkSearch(CheckWorld world, CheckOptions options, SearchStats stats, Func<CheckWorld>? newWorld = null)
    {
        _world = world;
        _options = options;
        _stats = stats;
        _newWorld = newWorld;
    }

    /// <summary>
    /// The violation of the lowest-numbered walk that has one. With <see cref="CheckOptions.Threads"/>
    /// above 1 the walks are shared out in blocks of <see cref="WalkBlock"/> (each thread on its own
    /// world) and a thread stops once every walk below the best violation so far is done, so the
    /// result is the one-thread search's.
    /// </summary>
    public Violation? Run(SearchTree tree, IReadOnlyList<int> frontier, CancellationToken cancellation)
    {
        if (_options.Threads <= 1 || _newWorld is null || _options.Walks < 2)
        {
            var walker = new Walker(_world, _options, _stats);
            try
            {
                for (var k = 0; k < _options.Walks; k++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (walker.Walk(k, tree, frontier) is { } violation) return violation;
                    if ((k + 1) % WalkBlock == 0) walker.FlushStats();
                }
                return null;
            }
            finally
            {
                walker.FlushStats();
            }
        }
        var walkers = new List<Walker>(_options.Threads) { new(_world, _options, _stats) };
        for (var i = 1; i < _options.Threads; i++) walkers.Add(new Walker(_newWorld(), _options, _stats));
        long next = 0;
        var best = int.MaxValue;
        Violation? found = null;
        var gate = new Lock();
        Parallel.ForEach(walkers, new ParallelOptions { MaxDegreeOfParallelism = walkers.Count, CancellationToken = cancellation }, walker =>
        {
            try
            {
                while (true)
                {
                    var first = Interlocked.Add(ref next, WalkBlock) - WalkBlock;
                    if (first >= _options.Walks) return;
                    var end = (int)Math.Min(first + WalkBlock, _options.Walks);
                    for (var k = (int)first; k < end; k++)
                    {
                        if (k > Volatile.Read(ref best)) return;
                        cancellation.ThrowIfCancellationRequested();
                        if (walker.Walk(k, tree, frontier) is not { } violation) continue;
                        lock (gate)
                        {
                            if (k < best)
                            {
                                best = k;
                                found = violation;
                            }
                        }
                        return;
                    }
                    walker.FlushStats();
                }
            }
            finally
            {
                walker.FlushStats();
            }
        });
        return found;
    }

    // One thread's walks: its own world, runner and path buffer.
    private sealed class Walker(CheckWorld world, CheckOptions options, SearchStats stats)
    {
        private readonly WalkRunner _runner = new(world, options, stats);
        private int[] _path = new int[64];

        public void FlushStats() => _runner.FlushStats();

        public Violation? Walk(int k, SearchTree tree, IReadOnlyList<int> frontier)
        {
            var seed = CheckRandom.Derive(options.Seed, (ulong)k);
            var pick = new CheckRandom(seed);
            var start = frontier.Count == 0 ? 0 : frontier[pick.Next(frontier.Count)];
            var length = tree.PathOf(start, ref _path);
            var steps = Math.Max(tree.Depth(start), 0);
            var outcome = _runner.Walk(_path, length, steps, seed, recordSteps: true);
            if (outcome == WalkOutcome.Live || (outcome == WalkOutcome.Exhausted && !world.HasLiveness)) return null;
            if (outcome == WalkOutcome.Quiescent && !world.HasLiveness) return null;

            var choices = _runner.Choices.ToArray();
            var total = _runner.StepEnds.Count - 1;
            if (outcome == WalkOutcome.Unsafe)
            {
                return world.Failure is { } f
                    ? new Violation(ViolationKind.Exception, f.Exception.GetType().Name, choices, total, $"n{f.Node}: {f.Exception.Message}")
                    : new Violation(ViolationKind.Safety, world.ViolatedSafety()!, choices, total, "safety property does not hold");
            }

            var failing = world.FailingLiveness();
            var stepEnds = _runner.StepEnds.ToArray();
            stats.Phase = "critical transition";
            var critical = new CriticalTransitionSearch(world, options, stats).Find(choices, stepEnds, k);
            stats.Phase = "random walks";
            if (critical is null) return null;
            var message = outcome == WalkOutcome.Quiescent ? "no event is enabled and the state is not live" : $"not live after {total} steps";
            return new Violation(ViolationKind.Liveness, failing, choices, total, message) { CriticalStep = critical };
        }
    }
}
