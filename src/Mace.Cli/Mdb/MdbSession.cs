using Mace.Checking;
using Mace.Cli.Commands;
using Mace.Runtime.Tracing;

namespace Mace.Cli.Mdb;

/// <summary>
/// What a debugger shows: the timeline of the logs (or of a replayed counterexample), and for a
/// counterexample the branches "diverge here" made from it. Shared by the web and terminal debuggers.
/// </summary>
internal sealed class MdbSession
{
    private readonly Lock _gate = new();
    private readonly CheckTest? _test;
    private readonly Counterexample? _counterexample;

    private MdbSession(DebugTimeline timeline, string title, CheckTest? test, Counterexample? counterexample)
    {
        Original = Timeline = timeline;
        Title = title;
        _test = test;
        _counterexample = counterexample;
    }

    /// <summary>The timeline shown now: the original or the last branch.</summary>
    public DebugTimeline Timeline { get; private set; }

    /// <summary>The timeline the session was opened on.</summary>
    public DebugTimeline Original { get; }

    /// <summary>What is shown: the logs, or the counterexample and its verdict.</summary>
    public string Title { get; private set; }

    /// <summary>The verdict of the branch shown, or null for the original.</summary>
    public string? Branch { get; private set; }

    /// <summary>True when the session can diverge (it was opened on a counterexample).</summary>
    public bool CanDiverge => _test is not null;

    public static MdbSession FromLogs(List<TraceLogRecord> records, int files) =>
        new(new DebugTimeline(records), $"{files} trace log{(files == 1 ? "" : "s")}", null, null);

    public static MdbSession FromCounterexample(CheckTest test, Counterexample counterexample)
    {
        var trace = Replayer.Replay(test, counterexample);
        return new MdbSession(new DebugTimeline(CounterexampleFiles.AsLog(trace)), $"counterexample {counterexample.Test}: {trace.Verdict}", test, counterexample);
    }

    /// <summary>The checker steps run at <paramref name="cursor"/> (event ids are step + 1; a node's start is 1).</summary>
    public int CheckerSteps(int cursor) => cursor < 0 ? 0 : (int)Timeline.Steps[cursor].Id - 1;

    /// <summary>The events enabled at <paramref name="cursor"/> of the counterexample.</summary>
    public IReadOnlyList<string> Options(int cursor)
    {
        lock (_gate) return Diverger.Options(_test!, _counterexample!, CheckerSteps(cursor));
    }

    /// <summary>Shows the branch that takes <paramref name="pick"/> (random when null) at <paramref name="cursor"/>; returns the cursor of the new step.</summary>
    public int Diverge(int cursor, int? pick, ulong seed)
    {
        lock (_gate)
        {
            var steps = CheckerSteps(cursor);
            var branch = Diverger.Diverge(_test!, _counterexample!, steps, pick, seed);
            Timeline = new DebugTimeline(CounterexampleFiles.AsLog(branch));
            Branch = branch.Verdict;
            var next = Timeline.Steps.Select((e, i) => (e, i)).FirstOrDefault(x => x.e.Id == steps + 2 && x.e.Records.Any(r => r.Service == "Checker"));
            return next.e is null ? Math.Min(cursor, Timeline.Steps.Count - 1) : next.i;
        }
    }

    /// <summary>Back to the timeline the session was opened on.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            Timeline = Original;
            Branch = null;
        }
    }
}
