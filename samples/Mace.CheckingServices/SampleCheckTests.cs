using Mace.Checking;

[assembly: CheckTestProvider(typeof(Mace.CheckingServices.SampleCheckTests))]

namespace Mace.CheckingServices;

/// <summary>
/// The checker tests over the sample services: each seeded bug beside its fixed twin, with the
/// options (faults, bounds, seed) the bug needs. <c>mace check NAME</c> finds them by name.
/// </summary>
public sealed class SampleCheckTests : ICheckTestProvider
{
    /// <summary>Nodes 0 and 1 campaign; a voter grants every request: two leaders.</summary>
    public static CheckTest<Election> ElectionTwoLeaders { get; } = Election("Election.VoteTwice", voteTwice: true);

    /// <summary>The fixed election: one vote per voter.</summary>
    public static CheckTest<Election> ElectionFixed { get; } = Election("Election", voteTwice: false);

    /// <summary>An orphan declares itself root once the root crashes: two roots.</summary>
    public static CheckTest<Tree> TreeOrphanRoot { get; } = Tree("Tree.OrphanBecomesRoot", orphanBecomesRoot: true);

    /// <summary>The fixed tree: orphans rejoin node 0.</summary>
    public static CheckTest<Tree> TreeFixed { get; } = Tree("Tree", orphanBecomesRoot: false);

    /// <summary>A join sent once over a lossy transport never completes after one loss.</summary>
    public static CheckTest<UdpJoin> UdpJoinNoRetry { get; } = UdpJoin("UdpJoin.NoRetry", noRetry: true);

    /// <summary>The fixed join: retried by a timer until welcomed.</summary>
    public static CheckTest<UdpJoin> UdpJoinFixed { get; } = UdpJoin("UdpJoin", noRetry: false);

    /// <summary>A backup suspects a live but slow leader and takes over in the same epoch: two leaders of epoch 0.</summary>
    public static CheckTest<Failover> FailoverKeepEpoch { get; } = Failover("Failover.KeepEpoch", keepEpoch: true);

    /// <summary>The fixed failover: a takeover starts a new epoch.</summary>
    public static CheckTest<Failover> FailoverFixed { get; } = Failover("Failover", keepEpoch: false);

    /// <inheritdoc/>
    public IEnumerable<CheckTest> GetTests() =>
        [ElectionTwoLeaders, ElectionFixed, TreeOrphanRoot, TreeFixed, UdpJoinNoRetry, UdpJoinFixed, FailoverKeepEpoch, FailoverFixed, TwoPhaseCommitTests.Buggy, TwoPhaseCommitTests.Fixed, TwoPhaseCommitTests.Large];

    private static CheckTest<Election> Election(string name, bool voteTwice) =>
        new(name, 3, (node, _) => new Election(node, Size: 3, VoteTwice: voteTwice), CheckingServices.Election.Properties)
        {
            Description = voteTwice ? "majority vote where voters grant every request (seeded bug: two leaders)" : "majority vote, one vote per voter",
            Driver = d =>
            {
                if (d.Index < 2) d.Post("Campaign()", s => s.Campaign());
            },
            Defaults = new CheckOptions { Depth = 12, Walks = 100, MaxSteps = 100, Seed = 7 },
        };

    private static CheckTest<Tree> Tree(string name, bool orphanBecomesRoot) =>
        new(name, 3, (node, _) => new Tree(node, OrphanBecomesRoot: orphanBecomesRoot), CheckingServices.Tree.Properties)
        {
            Description = orphanBecomesRoot ? "tree join where an orphan becomes root (seeded bug: two roots after a crash)" : "tree join where orphans rejoin the root",
            Defaults = new CheckOptions { Depth = 10, Walks = 100, MaxSteps = 100, Seed = 11, Faults = FaultKinds.Crash | FaultKinds.Restart },
        };

    private static CheckTest<Failover> Failover(string name, bool keepEpoch) =>
        new(name, 3, (node, _) => new Failover(node, Size: 3, KeepEpoch: keepEpoch), CheckingServices.Failover.Properties)
        {
            Description = keepEpoch
                ? "leader failover on a detect block's suspicion, same epoch (seeded bug: a slow leader is suspected, two leaders of one epoch)"
                : "leader failover on a detect block's suspicion, each takeover in a new epoch",
            Defaults = new CheckOptions { Depth = 12, Walks = 200, MaxSteps = 200, Seed = 5, Time = TimeMode.Advancing },
        };

    private static CheckTest<UdpJoin> UdpJoin(string name, bool noRetry) =>
        new(name, 3, (node, _) => new UdpJoin(node, NoRetry: noRetry), CheckingServices.UdpJoin.Properties)
        {
            Description = noRetry ? "join over lossy datagrams sent once (seeded bug: never completes after a loss)" : "join over lossy datagrams, retried until welcomed",
            Defaults = new CheckOptions { Depth = 6, Walks = 200, MaxSteps = 200, Seed = 3, Faults = FaultKinds.Loss, MaxLosses = 1 },
        };
}
