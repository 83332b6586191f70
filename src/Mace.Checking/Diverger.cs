using Mace.Checking.Execution;
using Mace.Checking.Search;
using Mace.Checking.Tracing;

namespace Mace.Checking;

/// <summary>
/// "Diverge here" on a counterexample (MDB): re-run its first steps exactly, then take another
/// choice at the next step (one of the events enabled there, or a seeded random one) and continue
/// with a seeded random walk, stopping at a safety violation, an exception or quiescence. The new
/// branch is an <see cref="ExecutionTrace"/> like the original, its first steps identical.
/// </summary>
public static class Diverger
{
    /// <summary>The events enabled after the first <paramref name="steps"/> steps of <paramref name="counterexample"/>, numbered as <see cref="Diverge"/> takes them.</summary>
    public static IReadOnlyList<string> Options(CheckTest test, Counterexample counterexample, int steps)
    {
        var (world, _, _, _) = RunPrefix(test, counterexample, steps, pick: null, seed: 0);
        return world.DescribeEnabled();
    }

    /// <summary>
    /// The branch that takes enabled event <paramref name="pick"/> (or a random one when null) after
    /// step <paramref name="steps"/>, then at most <paramref name="more"/> random steps drawn from <paramref name="seed"/>.
    /// </summary>
    public static ExecutionTrace Diverge(CheckTest test, Counterexample counterexample, int steps, int? pick, ulong seed, int more = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(more);
        var (world, chooser, recorder, starts) = RunPrefix(test, counterexample, steps, pick, seed);
        var enabled = world.EnabledCount;
        if (pick is { } p && (p < 0 || p >= Math.Max(enabled, 1))) throw new ArgumentOutOfRangeException(nameof(pick), $"choice {p} is not one of the {enabled} events enabled after step {steps}");
        // With one event enabled the world asks for no choice: there is nothing to pick.
        chooser.Diverge(picked: enabled < 2);
        string verdict = $"no violation in {more} steps after the divergence";
        for (var s = 0; s < more; s++)
        {
            if (!world.Step())
            {
                verdict = $"quiescent after step {world.StepCount}: no event is enabled";
                break;
            }
            if (world.ViolatedSafety() is { } property)
            {
                verdict = $"violation: safety property '{property}' does not hold after step {world.StepCount}";
                break;
            }
            if (world.Failure is { } failure)
            {
                verdict = $"violation: n{failure.Node} threw {failure.Exception.GetType().Name}: {failure.Exception.Message} at step {world.StepCount}";
                break;
            }
        }
        var chosen = pick is null ? "a random choice" : $"choice {pick}";
        return new ExecutionTrace(counterexample.Test, seed, counterexample.Violation with { CriticalStep = null }, recorder.Steps,
            $"diverged after step {steps} with {chosen} (seed {seed}): {verdict}", Reproduced: false)
        {
            Starts = starts,
        };
    }

    private static (CheckWorld World, DivergingChooser Chooser, StepRecorder Recorder, List<NodeStart> Starts) RunPrefix(
        CheckTest test, Counterexample counterexample, int steps, int? pick, ulong seed)
    {
        var violation = counterexample.Violation;
        if (steps < 0 || steps > violation.Steps) throw new ArgumentOutOfRangeException(nameof(steps), $"the counterexample has steps 0 to {violation.Steps}, not {steps}");
        var chooser = new DivergingChooser([.. violation.Choices], pick, seed);
        var recorder = new StepRecorder();
        var world = new CheckWorld(test, counterexample.Options, chooser) { Recorder = recorder };
        world.Reset();
        var starts = Replayer.Starts(world, recorder);
        for (var s = 0; s < steps; s++)
        {
            if (!world.Step()) throw new ReplayDivergedException($"the counterexample stops after step {world.StepCount}, before step {steps}");
        }
        return (world, chooser, recorder, starts);
    }

    // The counterexample's choices, then (after Diverge) the picked event, then seeded random answers.
    private sealed class DivergingChooser(int[] script, int? pick, ulong seed) : IChooser
    {
        private readonly CheckRandom _random = new(seed);
        private int _position;
        private bool _diverged;
        private bool _picked;

        public void Diverge(bool picked)
        {
            _diverged = true;
            _picked = picked;
        }

        public int Choose(int count, ChoiceKind kind)
        {
            if (!_diverged)
            {
                if (_position >= script.Length) throw new ReplayDivergedException($"the counterexample has {script.Length} choices and more were asked for");
                var value = script[_position++];
                if ((uint)value >= (uint)count) throw new ReplayDivergedException($"choice {_position - 1} is {value} but only {count} options are offered");
                return value;
            }
            if (!_picked && kind == ChoiceKind.Event)
            {
                _picked = true;
                if (pick is { } p) return p;
            }
            return _random.Next(count);
        }
    }
}
