using Mace.TestServices;

namespace Mace.Checking.Tests;

/// <summary>Pending timer firings are part of the state hash with their arguments.</summary>
public sealed class TimerArgumentTests
{
    private static readonly CheckTest<TimerChoice> s_test = new("TimerChoice", 1, (node, _) => TimerChoice.Create(node), TimerChoice.Properties)
    {
        Driver = d => d.Post("Start()", s => s.Start()),
        Defaults = new CheckOptions { Depth = 4, Walks = 0, Seed = 1 },
    };

    [Fact]
    public void BreadthFirst_StatesDifferingOnlyInATimerArgument_AreKeptApart_AndTheBugIsFound()
    {
        var result = ModelChecker.Check(s_test, s_test.Defaults);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal("NeverOne", violation.Property);
        Assert.Equal(2, violation.Steps);
        Assert.StartsWith("n0 timer", CheckAssert.StepEvent(result, 2));
    }
}
