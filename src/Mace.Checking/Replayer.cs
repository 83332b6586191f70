using Mace.Checking.Execution;
using Mace.Checking.Search;
using Mace.Checking.Tracing;

namespace Mace.Checking;

/// <summary>Re-executes a counterexample's choices step by step, recording a trace and checking the violation shows again.</summary>
public static class Replayer
{
    /// <summary>Replays <paramref name="counterexample"/> against <paramref name="test"/>.</summary>
    public static ExecutionTrace Replay(CheckTest test, Counterexample counterexample)
    {
        var violation = counterexample.Violation;
        var choices = violation.Choices.ToArray();
        var chooser = new ScriptedChooser();
        var recorder = new StepRecorder();
        var world = new CheckWorld(test, counterexample.Options, chooser) { Recorder = recorder };
        chooser.Start(choices, choices.Length);
        world.Reset();
        var starts = Starts(world, recorder);
        var everLive = world.HasLiveness && world.IsLive();
        for (var s = 0; s < violation.Steps; s++)
        {
            if (!world.Step()) break;
            everLive |= world.HasLiveness && world.IsLive();
        }
        var (verdict, reproduced) = violation.Kind switch
        {
            ViolationKind.Safety when world.ViolatedSafety() is { } p => ($"violation: safety property '{p}' does not hold", p == violation.Property),
            ViolationKind.Exception when world.Failure is { } f => ($"violation: n{f.Node} threw {f.Exception.GetType().Name}: {f.Exception.Message}", true),
            ViolationKind.Liveness when !everLive => ($"violation: not live ({world.FailingLiveness()}) in any of {world.StepCount} steps; " +
                (world.EnabledCount == 0 ? "no event is enabled" : $"{world.EnabledCount} events still enabled"), true),
            _ => ("not reproduced: the last state does not show the violation", false),
        };
        return new ExecutionTrace(counterexample.Test, counterexample.Options.Seed, violation, recorder.Steps, verdict, reproduced && world.StepCount == violation.Steps)
        {
            Starts = starts,
        };
    }

    internal static List<NodeStart> Starts(CheckWorld world, StepRecorder recorder) =>
        [.. Enumerable.Range(0, world.NodeCount).Select(n => new NodeStart(n, world.Now, recorder.StartRecords.GetValueOrDefault(n) ?? [], StepRecorder.PrintNode(world, n)))];
}
