using Mace.Checking;
using Mace.CheckingServices;
using Mace.Runtime.Tracing;

namespace Mace.Checking.Tests;

/// <summary>Counterexamples as trace logs (for mace log, paths, ShiViz and MDB), and MDB's "diverge here" on them.</summary>
public sealed class DivergeAndTraceLogTests
{
    private static (CheckTest Test, Counterexample Counterexample) TwoLeaders()
    {
        var test = SampleCheckTests.ElectionTwoLeaders;
        var result = ModelChecker.Check(test, test.Defaults with { Seed = 7 });
        return (test, result.Counterexample!);
    }

    private static CausalHistory ThroughTheLogFormat(IEnumerable<TraceRecord> records)
    {
        using var stream = new MemoryStream();
        using (var writer = new TraceLogWriter(stream))
        {
            foreach (var r in records) writer.Record(r);
        }
        stream.Position = 0;
        using var reader = TraceLogReader.Open(stream, "counterexample");
        return new CausalHistory([.. reader.Records()]);
    }

    [Fact]
    public void CounterexampleTrace_AsALog_LinksEveryDeliveryToItsSend_AndCarriesEveryNodesState()
    {
        var (test, counterexample) = TwoLeaders();
        var trace = Replayer.Replay(test, counterexample);
        var history = ThroughTheLogFormat(trace.ToTraceRecords());

        // A start event per node, then one event per step (the violation is at step 6).
        Assert.Equal(3 + 6, history.Events.Count);
        var steps = history.Events.Where(e => e.Id > 1).OrderBy(e => e.Id).ToList();
        Assert.Equal(Enumerable.Range(2, 6).Select(i => (long)i), steps.Select(e => e.Id));
        foreach (var (e, step) in steps.Zip(trace.Steps))
        {
            var checker = Assert.Single(e.Records, r => r.Service == "Checker");
            Assert.Equal($"step {step.Step}: {step.Event}", checker.Details);
            Assert.NotNull(e.Records[^1].State);
            if (checker.Event == "TcpDeliver")
            {
                // The cause is the step that sent the message, on the sending node.
                Assert.NotNull(e.Cause);
                Assert.NotEqual(e.Node, e.Cause!.Node);
                Assert.Contains($"n{e.Cause.Node[4..]}->n{e.Node[4..]}", checker.Details!, StringComparison.Ordinal);
                Assert.True(e.Cause.Id < e.Id);
            }
            else
            {
                Assert.Null(e.Cause);
            }
        }
        Assert.Contains("Election state=Leader", steps[^1].Records[^1].State!, StringComparison.Ordinal);
        Assert.All(history.Events.Where(e => e.Id == 1), e => Assert.Contains("Election state=Follower", e.Records[^1].State!, StringComparison.Ordinal));
    }

    [Fact]
    public void Diverge_RepeatsThePrefix_ThenRunsTheChosenEvent_TheSameWayForTheSameSeed()
    {
        var (test, counterexample) = TwoLeaders();
        var original = Replayer.Replay(test, counterexample);
        var options = Diverger.Options(test, counterexample, 1);
        Assert.True(options.Count >= 2, string.Join("; ", options));
        for (var pick = 0; pick < options.Count; pick++)
        {
            var branch = Diverger.Diverge(test, counterexample, 1, pick, seed: 3, more: 20);
            Assert.Equal(original.Steps[0].Event, branch.Steps[0].Event);
            Assert.Equal(options[pick], branch.Steps[1].Event);
            Assert.StartsWith($"diverged after step 1 with choice {pick} (seed 3): ", branch.Verdict, StringComparison.Ordinal);
            Assert.Equal(branch.Render(), Diverger.Diverge(test, counterexample, 1, pick, seed: 3, more: 20).Render());
        }
        // From the start with no choice given, the branch is random but seeded: the same seed, the same branch.
        var random = Diverger.Diverge(test, counterexample, 0, null, seed: 11);
        Assert.Equal(random.Render(), Diverger.Diverge(test, counterexample, 0, null, seed: 11).Render());
        Assert.Equal(3, random.Starts.Count);
    }

    [Fact]
    public void Diverge_StopsAtAViolation_AndRejectsChoicesThatAreNotOffered()
    {
        var (test, counterexample) = TwoLeaders();
        // Five steps of the counterexample, then its own sixth choice: the same violation.
        var sixth = Diverger.Options(test, counterexample, 5).ToList().IndexOf(Replayer.Replay(test, counterexample).Steps[5].Event);
        Assert.True(sixth >= 0);
        var again = Diverger.Diverge(test, counterexample, 5, sixth, seed: 1);
        Assert.EndsWith("violation: safety property 'OneLeader' does not hold after step 6", again.Verdict, StringComparison.Ordinal);
        Assert.Equal(6, again.Steps.Count);

        Assert.Throws<ArgumentOutOfRangeException>(() => Diverger.Diverge(test, counterexample, 1, 99, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Diverger.Diverge(test, counterexample, 7, null, seed: 1));
    }
}
