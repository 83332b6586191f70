using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>The shipped services under the checker: each passes, and its seeded-bug twin is caught.</summary>
public sealed class ServiceCheckTestsTests
{
    [Fact]
    public void Vivaldi_ThreeNodesProbingEachOther_KeepFiniteCoordinatesAndHeightFloor()
    {
        var test = ServiceCheckTests.Vivaldi;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 1_000, $"the search should reach probes, replies and moves, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void Vivaldi_UnclampedHeight_FirstReplyFromACloseNeighbour_PushesHeightBelowTheFloor()
    {
        var test = ServiceCheckTests.VivaldiUnclampedHeight;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("CoordinatesStayFinite", violation.Property);
        Assert.Contains(result.Trace!.Steps[^1].Changes, c => c.StartsWith("+ Height = -", StringComparison.Ordinal));
    }

    [Fact]
    public void RandTree_ChainUnderACrash_KeepsATree_AndEveryNodeReachesTheRoot()
    {
        var test = ServiceCheckTests.RandTree;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 10_000, $"the search should reach joins, crashes and rejoins, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void RandTree_RejoinThroughChild_AnOrphanIsAdoptedByItsOwnChild_ACycle()
    {
        var test = ServiceCheckTests.RandTreeRejoinThroughChild;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("NoNodeIsItsOwnAncestor", violation.Property);
        // The last step delivers an Adopted from the orphan's own child, and a crash came before it.
        Assert.Contains("Adopted", result.Trace!.Steps[^1].Event, StringComparison.Ordinal);
        Assert.Contains(result.Trace.Steps, s => s.Event.Contains("CRASH", StringComparison.Ordinal));
    }

    [Fact]
    public void Overcast_JoinsAndMoves_KeepATree_AndEveryNodeReachesTheRoot()
    {
        var test = ServiceCheckTests.Overcast;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 1_000, $"the search should reach joins and moves, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void Overcast_AdoptWhileMoving_TwoSiblingsMoveUnderEachOther_ACycle()
    {
        var test = ServiceCheckTests.OvercastAdoptWhileMoving;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("NoNodeIsItsOwnAncestor", violation.Property);
        Assert.Contains("Adopted", result.Trace!.Steps[^1].Event, StringComparison.Ordinal);
    }

    [Fact]
    public void PeerShare_OneSlot_EveryNodeIsPlaced_WithinItsSlots()
    {
        var test = ServiceCheckTests.PeerShare;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 10_000, $"the search should reach refusals and promotions, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void PeerShare_IgnoreSlots_ASuperPeerTakesASecondLeaf()
    {
        var test = ServiceCheckTests.PeerShareIgnoreSlots;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal("LeavesWithinSlots", violation.Property);
        Assert.Contains("Attach", result.Trace!.Steps[^1].Event, StringComparison.Ordinal);
    }

    [Fact]
    public void BulletPrime_ThreeNodesFetchAFourBlockFile_RequestsWaitOnSenders_AndEveryNodeCompletes()
    {
        var test = ServiceCheckTests.BulletPrime;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 1_000, $"the search should reach peering, requests and drops, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void BulletPrime_KeepRequestsOfDroppedSenders_ARequestWaitsOnNoOne()
    {
        var test = ServiceCheckTests.BulletPrimeKeepRequests;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("RequestsWaitOnSenders", violation.Property);
    }

    [Fact]
    public void Scribe_FourNodesOverARing_UnderACrash_EveryNodeJoinsAndReachesTheRoot()
    {
        var test = ServiceCheckTests.Scribe;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 1_000, $"the search should reach joins, repairs and crashes, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void Scribe_AdoptOwnJoin_ANodeBecomesItsOwnParent()
    {
        var test = ServiceCheckTests.ScribeAdoptOwnJoin;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("NoNodeIsItsOwnParent", violation.Property);
    }

    [Fact]
    public void SplitStream_TwoStripesBoundedForwarding_UnderACrash_BoundHoldsAndEveryStripeReachesEveryNode()
    {
        var test = ServiceCheckTests.SplitStream;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed, result.Violation?.ToString());
        Assert.True(result.Stats.Unique > 1_000, $"the search should reach push-downs and crashes, saw {result.Stats.Unique} states");
    }

    [Fact]
    public void SplitStream_SkipLastStripe_LivenessViolated()
    {
        var test = ServiceCheckTests.SplitStreamSkipLastStripe;
        var result = ModelChecker.Check(test, test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Liveness, violation.Kind);
        Assert.Equal("EveryNodeReachesEveryStripeRoot", violation.Property);
    }
}
