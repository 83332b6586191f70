using Mace.Checking.Execution;

namespace Mace.Checking.Search;

/// <summary>
/// Finds the critical transition of a walk that never became live: for a prefix of k steps, up to
/// <see cref="CheckOptions.CriticalWalks"/> random walks are run from it (walk j from the seed
/// <c>Derive(Options.Seed, 1_000_000 + walk, k * 1024 + j)</c>); the prefix is live-reachable when one becomes
/// live. A binary search finds the last live-reachable prefix k; step k + 1 is the critical
/// transition. When the walk's own last state is live-reachable the walk was merely unlucky: null.
/// </summary>
internal sealed class CriticalTransitionSearch
{
    private readonly CheckOptions _options;
    private readonly WalkRunner _runner;
    private int[] _prefix = [];
    private ulong _walk;

    public CriticalTransitionSearch(CheckWorld world, CheckOptions options, SearchStats stats)
    {
        _options = options;
        _runner = new WalkRunner(world, options, stats);
    }

    /// <summary>A liveness violation for the dead end reached by <paramref name="steps"/> steps of <paramref name="choices"/>, with its critical transition.</summary>
    public Violation? FindFor(int[] choices, int steps, string failing)
    {
        _runner.Replay(choices, choices.Length, steps);
        var critical = Find(choices, [.. _runner.StepEnds], walk: -1);
        return critical is null ? null : new Violation(ViolationKind.Liveness, failing, choices, steps, "no event is enabled and the state is not live") { CriticalStep = critical };
    }

    /// <summary>The critical step (1-based) of the walk <paramref name="choices"/> whose steps end at <paramref name="stepEnds"/>, or null.</summary>
    public int? Find(int[] choices, int[] stepEnds, int walk)
    {
        _prefix = choices;
        _walk = (ulong)walk;
        var last = stepEnds.Length - 1;
        if (CanRecover(last, stepEnds)) return null;
        if (!CanRecover(0, stepEnds)) return 0;
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (CanRecover(mid, stepEnds)) lo = mid;
            else hi = mid;
        }
        return hi;
    }

    private bool CanRecover(int steps, int[] stepEnds)
    {
        for (var j = 0; j < _options.CriticalWalks; j++)
        {
            var seed = CheckRandom.Derive(_options.Seed, 1_000_000 + _walk, ((ulong)steps * 1024) + (ulong)j);
            var outcome = _runner.Walk(_prefix, stepEnds[steps], steps, seed, recordSteps: false);
            _runner.FlushStats();
            if (outcome == WalkOutcome.Live) return true;
        }
        return false;
    }
}
