using Mace.Checking;

namespace Mace.Checking.Tests;

/// <summary>Shared checks: a violation's counterexample survives its file format and replays to the same trace.</summary>
internal static class CheckAssert
{
    public static Violation FailsAndReplays(CheckResult result)
    {
        Assert.False(result.Passed);
        var violation = result.Violation!;
        var trace = result.Trace!;
        Assert.True(trace.Reproduced, trace.Render());

        var file = Counterexample.Parse(result.Counterexample!.ToJson());
        Assert.Equal(result.Test.Name, file.Test);
        Assert.Equal(violation.Choices, file.Violation.Choices);
        var replayed = Replayer.Replay(result.Test, file);
        Assert.True(replayed.Reproduced);
        Assert.Equal(trace.Render(), replayed.Render());
        return violation;
    }

    public static string StepEvent(CheckResult result, int step) => result.Trace!.Steps[step - 1].Event;
}
