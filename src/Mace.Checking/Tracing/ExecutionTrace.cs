using System.Text;

namespace Mace.Checking.Tracing;

/// <summary>A replayed counterexample: its steps and the verdict in the last state. <see cref="Render"/> is what check and replay print.</summary>
public sealed record ExecutionTrace(string Test, ulong Seed, Violation Violation, IReadOnlyList<TraceStep> Steps, string Verdict, bool Reproduced)
{
    /// <summary>The readable trace: one block per step, then the verdict.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("test ").Append(Test).Append(" (seed ").Append(Seed).Append("): ").Append(Violation).Append('\n');
        foreach (var step in Steps)
        {
            var mark = Violation.CriticalStep == step.Step ? "  <== CRITICAL TRANSITION" : "";
            text.Append("step ").Append(step.Step).Append(": ").Append(step.Event).Append(mark).Append('\n');
            foreach (var record in step.Records) text.Append("    | ").Append(record).Append('\n');
            foreach (var change in step.Changes) text.Append("    ").Append(change).Append('\n');
        }
        text.Append(Verdict).Append('\n');
        return text.ToString();
    }
}
