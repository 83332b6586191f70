using Mace.Checking;
using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>The protocol of the side-by-side comparison with P: the seeded bug is found and replayed, the fixed one passes.</summary>
public sealed class TwoPhaseCommitCheckTests
{
    [Fact]
    public void TwoPhaseCommit_CommitOnFirstYes_NoVoterCommitted()
    {
        var test = TwoPhaseCommitTests.Buggy;
        var result = ModelChecker.Check(test, test.Defaults with { Seed = 5 });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Safety, violation.Kind);
        Assert.Equal("Atomic", violation.Property);
        Assert.Equal(4, violation.Steps);
        Assert.Equal("n0 Begin()", CheckAssert.StepEvent(result, 1));
    }

    [Fact]
    public void TwoPhaseCommit_Fixed_PassesCompleteSearch()
    {
        var test = TwoPhaseCommitTests.Fixed;
        var result = ModelChecker.Check(test, test.Defaults);

        Assert.True(result.Passed);
        Assert.True(result.Stats.Complete);
    }
}
