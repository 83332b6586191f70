using System.CommandLine;
using System.Globalization;
using System.Text;
using Mace.Runtime.Tracing;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace log show|stats LOG...</c>: reads trace logs that <c>mace run --trace-log</c> and
/// <c>mace sim --trace-log</c> write. <c>show</c> merges the files by time and prints one line per
/// event (filtered by node, service, event); <c>stats</c> prints the events per service and kind as
/// a table and optionally CSV. A missing, foreign or corrupt file exits 2 naming it; a file cut
/// short (its writer was killed) is read up to the cut with a warning.
/// </summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var command = new Command("log", "Read trace logs (from mace run/sim --trace-log): show events merged by time, or count them.");
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateStats());
        command.Subcommands.Add(CreateExport());
        return command;
    }

    private static Command CreateExport()
    {
        var files = LogFiles();
        var format = new Option<string>("--format") { Description = "The output format: shiviz (vector-clock log for ShiViz).", DefaultValueFactory = _ => "shiviz" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The file to write.", Required = true };
        var command = new Command("export", "Write LOG... in another tool's format: shiviz, a regex line then per event HOST {vector clock} and the event, from the causal links the logs carry.")
        {
            files, format, output,
        };
        command.SetAction(result =>
        {
            if (!string.Equals(result.GetValue(format), "shiviz", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"mace log export: error: --format '{result.GetValue(format)}' is not known (known: shiviz)");
                return 2;
            }
            if (!TryLoad("mace log export", result.GetValue(files)!, out var records)) return 2;
            var history = new CausalHistory(records);
            var file = result.GetValue(output)!;
            try
            {
                using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(false));
                history.WriteShiViz(writer);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mace log export: error: --out: cannot write '{file.FullName}': {ex.Message}");
                return 2;
            }
            Console.WriteLine($"wrote {file.FullName}: {history.Events.Count:N0} events, {history.Links:N0} messages linked to their senders (open it at https://bestchai.bitbucket.io/shiviz/)");
            return 0;
        });
        return command;
    }

    internal static Argument<FileInfo[]> LogFiles() =>
        new("logs") { Description = "Trace log files; several are merged by time.", Arity = ArgumentArity.OneOrMore };

    private static Command CreateShow()
    {
        var files = LogFiles();
        var node = new Option<string?>("--node") { Description = "Only events of nodes whose address contains this text." };
        var service = new Option<string?>("--service") { Description = "Only events of this service (exact, ignoring case)." };
        var name = new Option<string?>("--event") { Description = "Only events whose name contains this text (like Deliver or JoinOverlay)." };
        var limit = new Option<int?>("--limit") { Description = "Print at most this many events." };
        var state = new Option<bool>("--state") { Description = "Print the state after each event too (recorded at trace level High)." };
        var command = new Command("show", "Print the events of LOG... merged by time: time since the first event, node, service.event, details.")
        {
            files, node, service, name, limit, state,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(limit) is < 1)
            {
                Console.Error.WriteLine($"mace log show: error: --limit must be at least 1, not {result.GetValue(limit)}");
                return 2;
            }
            if (!TryLoad("mace log show", result.GetValue(files)!, out var records)) return 2;
            var nodeText = result.GetValue(node);
            var serviceText = result.GetValue(service);
            var eventText = result.GetValue(name);
            var selected = records.Where(r =>
                (nodeText is null || r.Node.Contains(nodeText, StringComparison.Ordinal)) &&
                (serviceText is null || string.Equals(r.Service, serviceText, StringComparison.OrdinalIgnoreCase)) &&
                (eventText is null || r.Event.Contains(eventText, StringComparison.Ordinal)));
            if (result.GetValue(limit) is { } most) selected = selected.Take(most);
            var origin = records.Count == 0 ? default : records[0].Time;
            var output = new StringBuilder();
            var shown = 0;
            (string Node, long Event) previous = default;
            foreach (var r in selected)
            {
                var at = (r.Time - origin).TotalSeconds;
                output.Append(CultureInfo.InvariantCulture, $"{at,12:0.000000}  {r.Node,-21}  {r.Service}.{r.Event}");
                if (r.Details is { } details) output.Append("  ").Append(details);
                // The event's run time (its end entry), once, on its first record shown.
                if (r.Duration is { Ticks: > 0 } ran && previous != (r.Node, r.EventId)) output.Append(CultureInfo.InvariantCulture, $"  [ran {ran.TotalMilliseconds:0.000} ms]");
                previous = (r.Node, r.EventId);
                output.Append('\n');
                if (result.GetValue(state) && r.State is { } text)
                {
                    foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) output.Append("              | ").Append(line).Append('\n');
                }
                shown++;
                if (output.Length > 1 << 16)
                {
                    Console.Out.Write(output);
                    output.Clear();
                }
            }
            Console.Out.Write(output);
            Console.Error.WriteLine($"{shown:N0} of {records.Count:N0} events");
            return 0;
        });
        return command;
    }

    private static Command CreateStats()
    {
        var files = LogFiles();
        var csv = new Option<FileInfo?>("--csv") { Description = "Also write the table as CSV to this file." };
        var command = new Command("stats", "Count the events of LOG... per service and event: events, nodes, first and last time, and how long they ran (mean, max; from the events' end entries).") { files, csv };
        command.SetAction(result =>
        {
            if (!TryLoad("mace log stats", result.GetValue(files)!, out var records)) return 2;
            var origin = records.Count == 0 ? default : records[0].Time;
            var rows = records
                .GroupBy(r => (r.Service, r.Event))
                .Select(g => (g.Key.Service, g.Key.Event, Count: g.Count(), Nodes: g.Select(r => r.Node).Distinct().Count(),
                    First: (g.First().Time - origin).TotalSeconds, Last: (g.Last().Time - origin).TotalSeconds,
                    MeanMs: g.Any(r => r.Duration is not null) ? g.Where(r => r.Duration is not null).Average(r => r.Duration!.Value.TotalMilliseconds) : (double?)null,
                    MaxMs: g.Any(r => r.Duration is not null) ? g.Where(r => r.Duration is not null).Max(r => r.Duration!.Value.TotalMilliseconds) : (double?)null))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Event, StringComparer.Ordinal)
                .ToList();
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{records.Count:N0} events on {records.Select(r => r.Node).Distinct().Count():N0} nodes");
            table.AddColumn("service");
            table.AddColumn("event");
            table.AddColumn(new TableColumn("events").RightAligned());
            table.AddColumn(new TableColumn("nodes").RightAligned());
            table.AddColumn(new TableColumn("first (s)").RightAligned());
            table.AddColumn(new TableColumn("last (s)").RightAligned());
            table.AddColumn(new TableColumn("ran, mean (ms)").RightAligned());
            table.AddColumn(new TableColumn("ran, max (ms)").RightAligned());
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Service), Markup.Escape(r.Event), r.Count.ToString("N0", CultureInfo.InvariantCulture),
                    r.Nodes.ToString("N0", CultureInfo.InvariantCulture), r.First.ToString("0.000", CultureInfo.InvariantCulture), r.Last.ToString("0.000", CultureInfo.InvariantCulture),
                    r.MeanMs?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-", r.MaxMs?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-");
            }
            AnsiConsole.Write(table);
            if (result.GetValue(csv) is { } csvFile)
            {
                var text = new StringBuilder("service,event,events,nodes,first_s,last_s,ran_mean_ms,ran_max_ms\n");
                foreach (var r in rows) text.Append(CultureInfo.InvariantCulture, $"{Csv(r.Service)},{Csv(r.Event)},{r.Count},{r.Nodes},{r.First:0.000000},{r.Last:0.000000},{r.MeanMs:0.000},{r.MaxMs:0.000}\n");
                try
                {
                    File.WriteAllText(csvFile.FullName, text.ToString());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"mace log stats: error: --csv: cannot write '{csvFile.FullName}': {ex.Message}");
                    return 2;
                }
                Console.WriteLine($"wrote {csvFile.FullName}");
            }
            return 0;
        });
        return command;
    }

    // Every record of every file, merged by time (stable: a file's own order is kept for equal times).
    internal static bool TryLoad(string command, FileInfo[] files, out List<TraceLogRecord> records)
    {
        records = [];
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                Console.Error.WriteLine($"{command}: error: '{file.FullName}' does not exist");
                return false;
            }
            try
            {
                var (read, truncated) = TraceLogReader.ReadAll(file.FullName);
                if (truncated) Console.Error.WriteLine($"{command}: warning: '{file.FullName}' ends inside an entry (its writer stopped mid-write); read the {read.Count:N0} events before it");
                records.AddRange(read);
            }
            catch (TraceLogFormatException ex)
            {
                Console.Error.WriteLine($"{command}: error: {ex.Message}");
                return false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{command}: error: cannot read '{file.FullName}': {ex.Message}");
                return false;
            }
        }
        if (files.Length > 1) records = [.. records.OrderBy(r => r.Time)];
        return true;
    }

    internal static string Csv(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
