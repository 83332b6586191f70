using Mace.Checking.Execution;
using Mace.Checking.Search;

namespace Mace.Checking;

/// <summary>
/// MaceMC: bounded exhaustive search from the initial states, then random walks from its frontier
/// (with critical-transition search for liveness), then a replay of any violation into a trace.
/// </summary>
public static class ModelChecker
{
    /// <summary>Checks <paramref name="test"/>; <paramref name="stats"/> (optional) is updated live for a progress display.</summary>
    public static CheckResult Check(CheckTest test, CheckOptions options, SearchStats? stats = null, CancellationToken cancellation = default)
    {
        stats ??= new SearchStats();
        var world = new CheckWorld(test, options, new ScriptedChooser());
        // More threads get worlds of their own (CheckOptions.Threads): the results do not change.
        Func<CheckWorld>? newWorld = options.Threads > 1 ? () => new CheckWorld(test, options, new ScriptedChooser()) : null;
        stats.Phase = "exhaustive";
        var bfs = new BreadthFirstSearch(world, options, stats, newWorld);
        var violation = bfs.Run(cancellation);
        if (violation is null && bfs.DeadEnd is { } dead)
        {
            stats.Phase = "critical transition";
            violation = new CriticalTransitionSearch(world, options, stats).FindFor(dead.Choices, dead.Steps, dead.Failing);
        }
        if (violation is null && options.RunWalks && options.Walks > 0)
        {
            // A complete exhaustive search leaves nothing new at its frontier: walk from the initial states instead.
            stats.Phase = "random walks";
            var starts = stats.Complete ? bfs.InitialStates : bfs.Frontier;
            violation = new RandomWalkSearch(world, options, stats, newWorld).Run(bfs.Tree, starts, cancellation);
        }
        stats.Phase = "done";
        if (violation is null) return new CheckResult(test, options, stats, null);
        var counterexample = new Counterexample(test.Name, options, violation);
        return new CheckResult(test, options, stats, violation)
        {
            Counterexample = counterexample,
            Trace = Replayer.Replay(test, counterexample),
        };
    }
}
