using Mace.Checking;
using Mace.Checking.Execution;
using Mace.Checking.Search;
using Mace.CheckingServices;

namespace Mace.Checking.Tests;

/// <summary>Faults as choices: crash and restart as a new incarnation, broken connections raising Error upcalls.</summary>
public sealed class FaultTests
{
    [Fact]
    public void Break_OrphanBecomesRoot_TwoRootsWithoutACrash()
    {
        var test = SampleCheckTests.TreeOrphanRoot;
        var result = ModelChecker.Check(test, test.Defaults with { Faults = FaultKinds.Error });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal("OneRoot", violation.Property);
        Assert.Contains(result.Trace!.Steps, s => s.Event.Contains("BREAK connection n0<->n", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Trace.Steps, s => s.Event.Contains("CRASH", StringComparison.Ordinal));
    }

    [Fact]
    public void CrashThenRestart_NewIncarnationRunsMaceInitAgain()
    {
        var test = SampleCheckTests.TreeFixed;
        var options = test.Defaults with { Faults = FaultKinds.Crash | FaultKinds.Restart };
        var chooser = new ScriptedChooser();
        var world = new CheckWorld(test, options, chooser);
        // Initial state: two Join messages queued (n1->n0, n2->n0), then crash and restart are offered.
        // Options at step 1: deliver n1->n0, deliver n2->n0, crash n0, crash n1, crash n2.
        // Options at step 2 (n0 down): Error at n1, Error at n2, restart n0.
        chooser.Start([2, 2], 2);
        world.Reset();
        var first = world.TopService(0);

        Assert.True(world.Step());
        Assert.False(world.IsAlive(0));
        Assert.Null(world.TopService(0));
        Assert.True(world.Step());

        var second = (Tree)world.TopService(0)!;
        Assert.True(world.IsAlive(0));
        Assert.NotSame(first, second);
        Assert.True(second.IsRoot);
        Assert.Equal(Tree.States.Joined, second.state);
    }

    [Fact]
    public void Crash_BudgetSpent_NoMoreCrashesOffered()
    {
        var test = SampleCheckTests.TreeFixed;
        var world = new CheckWorld(test, test.Defaults with { Faults = FaultKinds.Crash, MaxCrashes = 1 }, new ScriptedChooser());
        var chooser = (ScriptedChooser)world.Chooser;
        chooser.Start([2], 1);
        world.Reset();
        var before = world.EnabledCount;

        world.Step();

        Assert.Equal(5, before);
        Assert.Equal(2, world.EnabledCount);
    }
}
