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
    private readonly CheckWorld _world;
    private readonly CheckOptions _options;
    private readonly SearchStats _stats;
    private readonly WalkRunner _runner;
    private int[] _path = new int[64];

    public RandomWalkSearch(CheckWorld world, CheckOptions options, SearchStats stats)
    {
        _world = world;
        _options = options;
        _stats = stats;
        _runner = new WalkRunner(world, options, stats);
    }

    public Violation? Run(SearchTree tree, IReadOnlyList<int> frontier, CancellationToken cancellation)
    {
        for (var k = 0; k < _options.Walks; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var seed = CheckRandom.Derive(_options.Seed, (ulong)k);
            var pick = new CheckRandom(seed);
            var start = frontier.Count == 0 ? 0 : frontier[pick.Next(frontier.Count)];
            var length = tree.PathOf(start, ref _path);
            var steps = Math.Max(tree.Depth(start), 0);
            var outcome = _runner.Walk(_path, length, steps, seed, recordSteps: true);
            if (outcome == WalkOutcome.Live || (outcome == WalkOutcome.Exhausted && !_world.HasLiveness)) continue;
            if (outcome == WalkOutcome.Quiescent && !_world.HasLiveness) continue;

            var choices = _runner.Choices.ToArray();
            var total = _runner.StepEnds.Count - 1;
            if (outcome == WalkOutcome.Unsafe)
            {
                return _world.Failure is { } f
                    ? new Violation(ViolationKind.Exception, f.Exception.GetType().Name, choices, total, $"n{f.Node}: {f.Exception.Message}")
                    : new Violation(ViolationKind.Safety, _world.ViolatedSafety()!, choices, total, "safety property does not hold");
            }

            var failing = _world.FailingLiveness();
            var stepEnds = _runner.StepEnds.ToArray();
            _stats.Phase = "critical transition";
            var critical = new CriticalTransitionSearch(_world, _options, _stats).Find(choices, stepEnds, k);
            _stats.Phase = "random walks";
            if (critical is null) continue;
            var message = outcome == WalkOutcome.Quiescent ? "no event is enabled and the state is not live" : $"not live after {total} steps";
            return new Violation(ViolationKind.Liveness, failing, choices, total, message) { CriticalStep = critical };
        }
        return null;
    }
}
