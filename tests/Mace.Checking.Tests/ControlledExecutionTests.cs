using Mace.Checking;
using Mace.Checking.Search;
using Mace.CheckingServices;
using Mace.Runtime;

namespace Mace.Checking.Tests;

/// <summary>The controlled environment: transports, random draws and replay go through the one chooser.</summary>
public sealed class ControlledExecutionTests
{
    private static CheckTest<Sequencer> SequencerOver(TransportKind kind) =>
        new($"Sequencer.{kind}", 2, (node, _) => new Sequencer(node, Net: kind == TransportKind.Tcp ? TcpTransport.Create(node) : UdpTransport.Create(node)), Sequencer.Properties);

    private static readonly CheckTest<Dice> s_dice = new("Dice", 2, (node, _) => new Dice(node), Dice.Properties);

    [Fact]
    public void TcpTransport_DeliversFifoPerConnection_AllOrdersSafe()
    {
        var result = ModelChecker.Check(SequencerOver(TransportKind.Tcp), new CheckOptions { Depth = 10, Walks = 10 });

        Assert.True(result.Passed);
        Assert.True(result.Stats.Complete);
        Assert.Equal(4, result.Stats.Unique);
    }

    [Fact]
    public void UdpTransport_DeliversInAnyOrder_ReorderingFound()
    {
        var result = ModelChecker.Check(SequencerOver(TransportKind.Udp), new CheckOptions { Depth = 10 });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal("InOrder", violation.Property);
        Assert.Equal(2, violation.Steps);
        Assert.Equal([1, 0], violation.Choices);
        Assert.Contains("Item { Value = 2", CheckAssert.StepEvent(result, 1));
    }

    [Fact]
    public void UdpLoss_DatagramDropped_LivenessViolated()
    {
        var options = new CheckOptions { Depth = 10, Faults = FaultKinds.Loss };
        var liveOnly = new CheckTest<Sequencer>("Sequencer.Loss", 2, (node, _) => new Sequencer(node, Net: UdpTransport.Create(node)),
            [.. Sequencer.Properties.Where(p => p.Kind == PropertyKind.Liveness)]);
        var result = ModelChecker.Check(liveOnly, options);

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal(ViolationKind.Liveness, violation.Kind);
        Assert.Equal("AllReceived", violation.Property);
        Assert.Contains(result.Trace!.Steps, s => s.Event.Contains("LOSS udp n0->n1", StringComparison.Ordinal));
    }

    [Fact]
    public void RandInt_EveryDrawIsAChoice_InitialStatesEnumerated()
    {
        var result = ModelChecker.Check(s_dice, new CheckOptions { Depth = 2, RandDoubleBuckets = 2, RunWalks = false });

        var violation = CheckAssert.FailsAndReplays(result);
        Assert.Equal("NotTwoTwos", violation.Property);
        Assert.Equal(0, violation.Steps);
        Assert.Equal(2, violation.Choices[0]);
        Assert.Equal(2, violation.Choices[2]);
    }

    [Fact]
    public void RandDouble_ReturnsBucketMidpoints()
    {
        var fractions = new List<double>();
        var test = new CheckTest<Dice>("Dice.Fractions", 1, (node, _) => new Dice(node), [])
        {
            Driver = d => fractions.Add(d.Service.Fraction),
        };
        var result = ModelChecker.Check(test, new CheckOptions { Depth = 0, RandDoubleBuckets = 4, RunWalks = false });

        Assert.True(result.Passed);
        Assert.Equal(12, result.Stats.Unique);
        Assert.Equal([0.125, 0.375, 0.625, 0.875], fractions.Distinct().Order());
    }

    [Fact]
    public void Check_SameOptions_SameCountersAndCounterexample()
    {
        var test = SampleCheckTests.UdpJoinNoRetry;
        var options = test.Defaults with { Depth = 0, Seed = 99 };
        var first = ModelChecker.Check(test, options);
        var second = ModelChecker.Check(test, options);

        Assert.Equal(first.Stats.Steps, second.Stats.Steps);
        Assert.Equal(first.Stats.Walks, second.Stats.Walks);
        Assert.Equal(first.Counterexample!.ToJson(), second.Counterexample!.ToJson());
    }

    [Fact]
    public void Replay_ChoiceOutOfRange_Diverges()
    {
        var test = SampleCheckTests.ElectionTwoLeaders;
        var bad = new Counterexample(test.Name, test.Defaults, new Violation(ViolationKind.Safety, "OneLeader", [0, 0, 9], 3, ""));

        Assert.Throws<ReplayDivergedException>(() => Replayer.Replay(test, bad));
    }

    [Fact]
    public void Replay_TruncatedChoices_NotReproduced()
    {
        var test = SampleCheckTests.ElectionTwoLeaders;
        var result = ModelChecker.Check(test, test.Defaults);
        var violation = result.Violation! with { Steps = 5 };

        var trace = Replayer.Replay(test, new Counterexample(test.Name, test.Defaults, violation));

        Assert.False(trace.Reproduced);
        Assert.StartsWith("not reproduced", trace.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tree")]
    [InlineData("UdpJoin")]
    [InlineData("TwoPhaseCommit")]
    public void ReuseNodes_OnOrOff_SameSearch(string name)
    {
        var test = CheckTestRegistry.FromAssemblies([typeof(SampleCheckTests).Assembly]).Find(name)!;
        var options = test.Defaults with { Depth = 6, Walks = 20 };

        var reused = ModelChecker.Check(test, options with { ReuseNodes = true });
        var rebuilt = ModelChecker.Check(test, options with { ReuseNodes = false });

        Assert.Equal(rebuilt.Stats.Generated, reused.Stats.Generated);
        Assert.Equal(rebuilt.Stats.Unique, reused.Stats.Unique);
        Assert.Equal(rebuilt.Stats.Steps, reused.Stats.Steps);
        Assert.Equal(rebuilt.Passed, reused.Passed);
    }
}
