using Mace.Checking;
using Mace.Runtime;
using Mace.Services;

[assembly: CheckTestProvider(typeof(Mace.CheckingServices.ServiceCheckTests))]

namespace Mace.CheckingServices;

/// <summary>
/// Checker tests over the shipped services of <c>Mace.Services</c> (the paper's systems), each
/// fixed service beside a variant with a seeded bug the checker must find.
/// </summary>
public sealed class ServiceCheckTests : ICheckTestProvider
{
    // Declared first: the tests below are built, in order, when the class is first used.
    private static readonly Key s_topic = Key.Hash("topic");
    private static readonly Key s_stream = Key.Hash("stream");

    // Driver labels are formatted once: the driver runs again on every reset and replay.
    private static readonly string s_joinGroup = $"JoinGroup({s_topic.ToShortString()})";
    private static readonly string s_joinStream = $"JoinStream({s_stream.ToShortString()})";

    // Scribe's own liveness holds trivially before anyone joins; in this test every node joins.
    private static readonly MaceProperty<Scribe> s_everyNodeJoins =
        new("EveryNodeJoinsTheGroup", PropertyKind.Liveness, nodes => nodes.All(n => n.IsInTree(s_topic)));

    /// <summary>Vivaldi on three nodes that all probe each other: coordinates stay finite, heights at or above the floor.</summary>
    public static CheckTest<Vivaldi> Vivaldi { get; } = VivaldiTest("Vivaldi", unclampedHeight: false);

    /// <summary>Vivaldi whose height may be pushed below its floor (seeded bug: CoordinatesStayFinite fails).</summary>
    public static CheckTest<Vivaldi> VivaldiUnclampedHeight { get; } = VivaldiTest("Vivaldi.UnclampedHeight", unclampedHeight: true);

    /// <summary>RandTree on four nodes, one child each (a chain), a node may crash: no cycle, no node over its bound, every live node reaches the root.</summary>
    public static CheckTest<RandTree> RandTree { get; } = RandTreeTest("RandTree", rejoinThroughChild: false);

    /// <summary>RandTree whose orphans rejoin through their own child (seeded bug: the child adopts its parent, a cycle).</summary>
    public static CheckTest<RandTree> RandTreeRejoinThroughChild { get; } = RandTreeTest("RandTree.RejoinThroughChild", rejoinThroughChild: true);

    /// <summary>Overcast on three nodes that join and re-evaluate: no cycle, every node reaches the root.</summary>
    public static CheckTest<Overcast> Overcast { get; } = OvercastTest("Overcast", adoptWhileMoving: false);

    /// <summary>Overcast whose moving nodes still adopt (seeded bug: two siblings move under each other, a cycle).</summary>
    public static CheckTest<Overcast> OvercastAdoptWhileMoving { get; } = OvercastTest("Overcast.AdoptWhileMoving", adoptWhileMoving: true);

    /// <summary>PeerShare on four nodes, one super-peer with a single slot: the others attach or promote themselves; slots hold, everyone is placed.</summary>
    public static CheckTest<PeerShare> PeerShare { get; } = PeerShareTest("PeerShare", ignoreSlots: false);

    /// <summary>PeerShare whose super-peers take every leaf (seeded bug: LeavesWithinSlots fails).</summary>
    public static CheckTest<PeerShare> PeerShareIgnoreSlots { get; } = PeerShareTest("PeerShare.IgnoreSlots", ignoreSlots: true);

    /// <summary>BulletPrime on three nodes over RandTree, a four-block file from node 0: requests wait on senders, every node completes.</summary>
    public static CheckTest<BulletPrime> BulletPrime { get; } = BulletPrimeTest("BulletPrime", keepRequests: false);

    /// <summary>BulletPrime that keeps the requests of a dropped sender (seeded bug: a request waits on no one).</summary>
    public static CheckTest<BulletPrime> BulletPrimeKeepRequests { get; } = BulletPrimeTest("BulletPrime.KeepRequestsOfDroppedSenders", keepRequests: true);

    /// <summary>Scribe on four nodes over a static ring (routes of up to three hops), all joining one group, a node may crash: no node its own parent, every node joins and reaches the root.</summary>
    public static CheckTest<Scribe> Scribe { get; } = ScribeTest("Scribe", adoptOwnJoin: false);

    /// <summary>Scribe that adopts a node's own join at the node itself (seeded bug: the node becomes its own parent).</summary>
    public static CheckTest<Scribe> ScribeAdoptOwnJoin { get; } = ScribeTest("Scribe.AdoptOwnJoin", adoptOwnJoin: true);

    /// <summary>SplitStream on four nodes, two stripes, two children a node over all stripes (push-down, then the spare-capacity group), a node may crash: the bound holds, every node reaches every stripe's root.</summary>
    public static CheckTest<SplitStream> SplitStream { get; } = SplitStreamTest("SplitStream", skipLastStripe: false);

    /// <summary>SplitStream that joins all stripes but the last (seeded bug: a node never reaches the last stripe's tree).</summary>
    public static CheckTest<SplitStream> SplitStreamSkipLastStripe { get; } = SplitStreamTest("SplitStream.SkipLastStripe", skipLastStripe: true);

    /// <inheritdoc/>
    public IEnumerable<CheckTest> GetTests() => [Vivaldi, VivaldiUnclampedHeight, RandTree, RandTreeRejoinThroughChild, Overcast, OvercastAdoptWhileMoving, PeerShare, PeerShareIgnoreSlots, BulletPrime, BulletPrimeKeepRequests, Scribe, ScribeAdoptOwnJoin, SplitStream, SplitStreamSkipLastStripe];


    // Scribe over RecursiveOverlayRoute over a static ring of all four nodes, one TCP transport shared by all three.
    private static Scribe ScribeOverRing(Node node, int maxChildren = 0, bool adoptOwnJoin = false, bool spareCapacityGroup = false)
    {
        var net = TcpTransport.Create(node);
        var ring = StaticRing.Create(node, Members: [.. Enumerable.Range(0, 4).Select(CheckDriver<Scribe>.Address)], Net: net);
        var route = RecursiveOverlayRoute.Create(node, ring, net);
        return Services.Scribe.Create(node, MaxChildren: maxChildren, AdoptOwnJoin: adoptOwnJoin, SpareCapacityGroup: spareCapacityGroup, Router: route, Overlay: ring);
    }

    private static CheckTest<Scribe> ScribeTest(string name, bool adoptOwnJoin) =>
        new(name, 4, (node, _) => ScribeOverRing(node, adoptOwnJoin: adoptOwnJoin), [.. Services.Scribe.Properties, s_everyNodeJoins])
        {
            Description = adoptOwnJoin
                ? "Scribe that adopts a node's own join at the node itself (seeded bug: a node is its own parent)"
                : "Scribe on four nodes over a static ring, one group joined by all, a node may crash: no node its own parent, every node joins and reaches the root",
            Driver = d =>
            {
                d.Post(s_joinGroup, s => s.JoinGroup(s_topic));
            },
            Defaults = new CheckOptions { Depth = 8, Walks = 500, MaxSteps = 400, Seed = 5, Time = TimeMode.Ordered, Faults = FaultKinds.Crash },
        };

    private static CheckTest<SplitStream> SplitStreamTest(string name, bool skipLastStripe) =>
        new(name, 4, (node, _) => Services.SplitStream.Create(node, Stripes: 2, SkipLastStripe: skipLastStripe, Groups: ScribeOverRing(node, maxChildren: 2, spareCapacityGroup: true)), Services.SplitStream.Properties)
        {
            Description = skipLastStripe
                ? "SplitStream that joins every stripe but the last (seeded bug: the last stripe never reaches a node)"
                : "SplitStream on four nodes over Scribe over a static ring, two stripes, at most two children a node: the bound holds, every node reaches every stripe's root",
            Driver = d => d.Post(s_joinStream, s => s.JoinStream(s_stream)),
            // Crashes only: the static ring takes a broken connection for a death and never readmits
            // the node (a limit of this test overlay, not of SplitStream).
            Defaults = new CheckOptions { Depth = 8, Walks = 500, MaxSteps = 600, Seed = 5, Time = TimeMode.Ordered, Faults = FaultKinds.Crash },
        };

    private static CheckTest<BulletPrime> BulletPrimeTest(string name, bool keepRequests) =>
        new(name, 3, (node, _) =>
        {
            // Timers fire in due order here (TimeMode.Ordered), so time passes as it would on a network
            // and a lost join is retried; a heartbeat timeout well above the period keeps false
            // suspicions rare (and a suspected parent is only a rejoin).
            var net = TcpTransport.Create(node);
            var tree = Services.RandTree.Create(node, MaxChildren: 1, HeartbeatPeriod: TimeSpan.FromSeconds(2), FailAfter: TimeSpan.FromSeconds(20), Net: net);
            // Two senders at most: a full set drops the slower, so a dropped sender's requests matter.
            return Services.BulletPrime.Create(node, Blocks: 4, BlockBytes: 8, MaxSenders: 2, Outstanding: 2, KeepRequestsOfDroppedSenders: keepRequests, Control: tree, Net: net);
        }, Services.BulletPrime.Properties)
        {
            Description = keepRequests
                ? "mesh file distribution that keeps a dropped sender's requests (seeded bug: they wait on no one)"
                : "mesh file distribution on three nodes over a random tree, a four-block file: requests wait on senders, every node completes",
            Driver = d =>
            {
                var source = CheckDriver<BulletPrime>.Address(0);
                d.Post($"Distribute({source})", s => s.Distribute(source));
            },
            Defaults = new CheckOptions { Depth = 8, Walks = 1000, MaxSteps = 1500, Seed = 11, Time = TimeMode.Ordered },
        };

    private static CheckTest<PeerShare> PeerShareTest(string name, bool ignoreSlots) =>
        new(name, 4, (node, index) => Services.PeerShare.Create(node, Capacity: index == 0 ? 20 : 1, MaxLeaves: 1, IgnoreSlots: ignoreSlots), Services.PeerShare.Properties)
        {
            Description = ignoreSlots
                ? "super-peer file sharing whose super-peers take every leaf (seeded bug: more leaves than slots)"
                : "super-peer file sharing on four nodes, one super-peer slot: leaves attach or promote themselves, slots hold, everyone is placed",
            Driver = d =>
            {
                var first = CheckDriver<PeerShare>.Address(0);
                List<NodeAddress> bootstrap = d.Index == 0 ? [] : [first];
                d.Post($"JoinNetwork([{string.Join(", ", bootstrap)}])", s => s.JoinNetwork(bootstrap));
            },
            Defaults = new CheckOptions { Depth = 10, Walks = 200, MaxSteps = 60, Seed = 3, Time = TimeMode.Advancing },
        };

    private static CheckTest<RandTree> RandTreeTest(string name, bool rejoinThroughChild) =>
        new(name, 4, (node, _) => Services.RandTree.Create(node, MaxChildren: 1, RejoinThroughChild: rejoinThroughChild), Services.RandTree.Properties)
        {
            Description = rejoinThroughChild
                ? "random tree whose orphans rejoin through their own child (seeded bug: a crash leaves a cycle)"
                : "random tree on four nodes with one child each, under a crash: no cycle, bounded children, everyone reaches the root",
            Driver = d =>
            {
                var root = CheckDriver<RandTree>.Address(0);
                d.Post($"JoinTree({root})", s => s.JoinTree(root));
            },
            Defaults = new CheckOptions { Depth = 10, Walks = 300, MaxSteps = 80, Seed = 5, Time = TimeMode.Advancing, Faults = FaultKinds.Crash, MaxCrashes = 1 },
        };

    private static CheckTest<Overcast> OvercastTest(string name, bool adoptWhileMoving) =>
        new(name, 3, (node, _) => Services.Overcast.Create(
            node, ProbeBytes: 16, RoundPeriod: TimeSpan.FromSeconds(2), AdoptWhileMoving: adoptWhileMoving,
            // Moves, not failure detection, are under test (no crashes here; RandTree's test has them): the
            // checker's clock jumps to each fired timer, so any finite heartbeat timeout would suspect
            // a parent whose heartbeats are merely undelivered.
            ProbeTimeout: TimeSpan.FromHours(1), HeartbeatPeriod: TimeSpan.FromHours(1), FailAfter: TimeSpan.MaxValue), Services.Overcast.Properties)
        {
            Description = adoptWhileMoving
                ? "bandwidth-probing tree whose moving nodes still adopt (seeded bug: two siblings move under each other)"
                : "bandwidth-probing tree on three nodes that join and re-evaluate their places: no cycle, everyone reaches the root",
            Driver = d =>
            {
                var root = CheckDriver<Overcast>.Address(0);
                d.Post($"JoinTree({root})", s => s.JoinTree(root));
            },
            Defaults = new CheckOptions { Depth = 10, Walks = 5000, MaxSteps = 400, Seed = 7, Time = TimeMode.Advancing },
        };

    private static CheckTest<Vivaldi> VivaldiTest(string name, bool unclampedHeight) =>
        new(name, 3, (node, _) => Services.Vivaldi.Create(node, UnclampedHeight: unclampedHeight), Services.Vivaldi.Properties)
        {
            Description = unclampedHeight
                ? "Vivaldi coordinates, heights not clamped (seeded bug: a close neighbour pushes a height below its floor)"
                : "Vivaldi coordinates on three nodes probing each other: finite coordinates, heights at their floor or above, every node moves",
            Driver = d =>
            {
                for (var peer = 0; peer < d.NodeCount; peer++)
                {
                    if (peer == d.Index) continue;
                    var address = CheckDriver<Vivaldi>.Address(peer);
                    d.Post($"AddNeighbor({address})", s => s.AddNeighbor(address));
                }
            },
            Defaults = new CheckOptions { Depth = 8, Walks = 200, MaxSteps = 60, Seed = 13, Time = TimeMode.Advancing },
        };
}
