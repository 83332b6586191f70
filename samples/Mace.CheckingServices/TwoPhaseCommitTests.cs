using Mace.Checking;

namespace Mace.CheckingServices;

/// <summary>The two-phase commit tests compared side by side with P (docs/benchmarks.md).</summary>
public static class TwoPhaseCommitTests
{
    /// <summary>The coordinator commits on the first yes vote (seeded bug).</summary>
    public static CheckTest<TwoPhaseCommit> Buggy { get; } = Create("TwoPhaseCommit.CommitOnFirstYes", 3, bug: true);

    /// <summary>The coordinator waits for every vote.</summary>
    public static CheckTest<TwoPhaseCommit> Fixed { get; } = Create("TwoPhaseCommit", 3, bug: false);

    /// <summary>Seven nodes: the exhaustive-search benchmark of docs/benchmarks.md (19,658 states).</summary>
    public static CheckTest<TwoPhaseCommit> Large { get; } = Create("TwoPhaseCommit.7", 7, bug: false);

    /// <summary>A test over <paramref name="nodes"/> nodes (one coordinator), for benchmarks.</summary>
    public static CheckTest<TwoPhaseCommit> Create(string name, int nodes, bool bug) =>
        new(name, nodes, (node, _) => new TwoPhaseCommit(node, Size: nodes, CommitOnFirstYes: bug), TwoPhaseCommit.Properties)
        {
            Description = bug ? "two-phase commit committing on the first yes (seeded bug)" : "two-phase commit",
            Driver = d =>
            {
                if (d.Index == 0) d.Post("Begin()", s => s.Begin());
            },
            Defaults = new CheckOptions { Depth = 12, Walks = 200, MaxSteps = 200, Seed = 5 },
        };
}
