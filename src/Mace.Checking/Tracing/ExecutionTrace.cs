using System.Text;
using Mace.Runtime;
using Mace.Runtime.Tracing;

namespace Mace.Checking.Tracing;

/// <summary>A node as the world started it: what its services recorded and its printed state after.</summary>
public sealed record NodeStart(int Node, DateTime Time, IReadOnlyList<TraceRecord> Records, IReadOnlyList<string> State);

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

    /// <summary>Every node as the world started it, before step 1.</summary>
    public IReadOnlyList<NodeStart> Starts { get; init; } = [];

    /// <summary>
    /// The trace as trace records, as if every node had logged at level high: a start event per
    /// node (event 1), then one event per step (event step + 1) on its node with the services'
    /// records, a <c>Checker.KIND</c> record describing the choice, the node's state after it, and
    /// for a delivery the sending step as its cause. Written with a <see cref="TraceLogWriter"/>,
    /// <c>mace log</c>, <c>paths</c>, the ShiViz export and <c>mdb</c> read them like any log.
    /// </summary>
    public IReadOnlyList<TraceRecord> ToTraceRecords()
    {
        var records = new List<TraceRecord>();
        static string? State(IReadOnlyList<string> lines) => lines.Count == 0 ? null : string.Join('\n', lines);
        foreach (var start in Starts)
        {
            var node = NodeAddress.Simulated(start.Node);
            foreach (var r in start.Records) records.Add(new TraceRecord(start.Time, node, r.Service, r.Event, r.Details, null) { EventId = 1 });
            records.Add(new TraceRecord(start.Time, node, "Checker", "Start", null, State(start.State)) { EventId = 1 });
        }
        foreach (var step in Steps)
        {
            var node = NodeAddress.Simulated(step.Node);
            var cause = step.SenderNode >= 0 ? new CausalLink(NodeAddress.Simulated(step.SenderNode), step.SenderStep + 1) : default;
            var id = step.Step + 1;
            foreach (var r in step.Entries) records.Add(new TraceRecord(step.Time, node, r.Service, r.Event, r.Details, null) { EventId = id, Cause = cause });
            var critical = Violation.CriticalStep == step.Step ? " (critical transition)" : "";
            records.Add(new TraceRecord(step.Time, node, "Checker", step.Kind, $"step {step.Step}: {step.Event}{critical}", State(step.StateAfter)) { EventId = id, Cause = cause });
        }
        return records;
    }
}
