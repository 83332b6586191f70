using System.Globalization;
using Mace.Runtime.Tracing;

namespace Mace.Cli.Mdb;

/// <summary>
/// MDB in a terminal (<c>mace mdb --text</c>), for use over SSH: the same cursor as the web page,
/// moved by one-letter commands read line by line from standard input.
/// </summary>
internal static class MdbText
{
    private const string Help = """
        commands:
          n [NODE]     step forward (to NODE's next event)        p [NODE]   step back (undo NODE's last event)
          g STEP       go to step STEP (0: before the first)      f TEXT     find the next event named like TEXT
          e            the event at the cursor, with its records   s          every node's state at the cursor
          path         the causal path of the event at the cursor  nodes      the nodes
          options      (counterexample) the events enabled at the cursor
          diverge [CHOICE] [SEED]  (counterexample) take CHOICE (default random) here, then a random walk
          back         (counterexample) return from a branch to the counterexample
          h            this help                                    q          quit
        """;

    public static int Run(MdbSession session, TextReader input, TextWriter output)
    {
        var cursor = -1;
        var timeline = session.Timeline;
        output.WriteLine($"mdb: {session.Title}: {timeline.Steps.Count:N0} events on {timeline.Nodes.Count} nodes, {timeline.Messages().Count():N0} messages; h for help");
        output.WriteLine(Position(timeline, cursor));
        while (true)
        {
            output.Write("mdb> ");
            output.Flush();
            var line = input.ReadLine();
            if (line is null) return 0;
            var parts = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0) continue;
            var argument = parts.Length > 1 ? parts[1] : null;
            switch (parts[0])
            {
                case "q" or "quit" or "exit":
                    return 0;
                case "h" or "help" or "?":
                    output.WriteLine(Help);
                    continue;
                case "n" or "next" or "p" or "prev" or "previous":
                    if (argument is not null && !timeline.Nodes.Contains(argument))
                    {
                        output.WriteLine($"no node {argument} (nodes: {string.Join(", ", timeline.Nodes)})");
                        continue;
                    }
                    cursor = parts[0].StartsWith('n') ? timeline.Next(cursor, argument) : timeline.Previous(cursor, argument);
                    output.WriteLine(Position(timeline, cursor));
                    continue;
                case "g" or "goto":
                    if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step > timeline.Steps.Count)
                    {
                        output.WriteLine($"g takes a step from 0 to {timeline.Steps.Count}");
                        continue;
                    }
                    cursor = step - 1;
                    output.WriteLine(Position(timeline, cursor));
                    continue;
                case "f" or "find":
                    var found = argument is null ? -1 : timeline.Find(argument, cursor + 1);
                    if (found < 0) output.WriteLine($"no event like '{argument}' after step {cursor + 1}");
                    else output.WriteLine(Position(timeline, cursor = found));
                    continue;
                case "e" or "event":
                    if (cursor < 0) output.WriteLine("before the first event");
                    else WriteEvent(timeline, cursor, output);
                    continue;
                case "s" or "state":
                    foreach (var node in timeline.At(cursor))
                    {
                        var last = node.LastEvent >= 0 ? $"last step {node.LastEvent + 1} {timeline.Steps[node.LastEvent].Name}" : "no event yet";
                        output.WriteLine($"{node.Node}: {node.EventsRun} events run, {last}");
                        output.WriteLine(node.State is null ? "  (no state recorded yet; logs written at trace level High record it)" : Indent(node.State, "  "));
                    }
                    continue;
                case "path":
                    if (cursor < 0)
                    {
                        output.WriteLine("before the first event");
                        continue;
                    }
                    var path = timeline.PathOf(cursor);
                    output.WriteLine($"{path.Count} events on {path.Select(s => timeline.Steps[s].Node).Distinct(StringComparer.Ordinal).Count()} nodes:");
                    foreach (var s in path) output.WriteLine((s == cursor ? "> " : "  ") + Line(timeline, s));
                    continue;
                case "nodes":
                    output.WriteLine(string.Join(", ", timeline.Nodes));
                    continue;
                case "options" or "diverge" or "back" when !session.CanDiverge:
                    output.WriteLine("diverging needs a counterexample: mace mdb FILE.counterexample.json --text");
                    continue;
                case "options":
                    var options = session.Options(cursor);
                    output.WriteLine($"{options.Count} events enabled after checker step {session.CheckerSteps(cursor)}:");
                    for (var i = 0; i < options.Count; i++) output.WriteLine($"  {i}: {options[i]}");
                    continue;
                case "diverge":
                    var words = (argument ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    int? pick = null;
                    ulong seed = 1;
                    var valid = words.Length <= 2;
                    if (valid && words.Length > 0 && words[0] != "random")
                    {
                        valid = int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var chosen);
                        pick = chosen;
                    }
                    if (valid && words.Length > 1) valid = ulong.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out seed);
                    if (!valid)
                    {
                        output.WriteLine("diverge takes a choice number (see options) or random, then an optional seed");
                        continue;
                    }
                    try
                    {
                        cursor = session.Diverge(cursor, pick, seed);
                    }
                    catch (ArgumentOutOfRangeException ex)
                    {
                        output.WriteLine(ex.Message.Split(" (Parameter", 2)[0]);
                        continue;
                    }
                    timeline = session.Timeline;
                    output.WriteLine($"branch: {session.Branch}; {timeline.Steps.Count} events");
                    output.WriteLine(Position(timeline, cursor));
                    continue;
                case "back":
                    session.Restore();
                    timeline = session.Timeline;
                    cursor = Math.Min(cursor, timeline.Steps.Count - 1);
                    output.WriteLine($"back on the {session.Title}");
                    output.WriteLine(Position(timeline, cursor));
                    continue;
                default:
                    output.WriteLine($"unknown command '{parts[0]}'; h for help");
                    continue;
            }
        }
    }

    private static string Position(DebugTimeline timeline, int cursor) =>
        cursor < 0 ? $"before step 1 of {timeline.Steps.Count}" : $"step {cursor + 1} of {timeline.Steps.Count}: {Line(timeline, cursor)}";

    private static string Line(DebugTimeline timeline, int step)
    {
        var e = timeline.Steps[step];
        var at = (e.Time - timeline.Steps[0].Time).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);
        var cause = timeline.CauseOf(step) is var c && c >= 0 ? $"  (message from step {c + 1} on {timeline.Steps[c].Node})" : "";
        return $"+{at} ms {e.Node} {e.Name}{cause}";
    }

    private static string Indent(string text, string by) => by + text.TrimEnd().Replace("\n", "\n" + by, StringComparison.Ordinal);

    private static void WriteEvent(DebugTimeline timeline, int step, TextWriter output)
    {
        output.WriteLine(Line(timeline, step));
        foreach (var r in timeline.Steps[step].Records)
        {
            output.WriteLine($"  {r.Service}.{r.Event}{(r.Details is { } d ? "  " + d : "")}");
            if (r.State is { } state) output.WriteLine("    state after:\n" + Indent(state, "      "));
        }
    }
}
