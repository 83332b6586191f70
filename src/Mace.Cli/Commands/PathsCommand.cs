using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Mace.Runtime.Tracing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace paths LOG... --start Service.Event</c>: joins trace logs by their causal links (every
/// delivery names the event that sent it) and follows each start event through the messages it led
/// to, on every node: per path its events, hops, nodes and latency; over all paths count, p50 and p99
/// latency, hops. <c>--show N</c> prints the first N paths as trees.
/// </summary>
internal static class PathsCommand
{
    public static Command Create()
    {
        var files = LogCommand.LogFiles();
        var start = new Option<string?>("--start") { Description = "The event that starts a path, Service.Event (like Dht.Get or Ping.Sweep; see `mace log stats` for the names). Without it, the paths declared in the .mace files ([path=start] ... [path=end]), by kind." };
        var expect = new Option<FileInfo?>("--expect") { Description = "Check every path against the expectations in this file (path, max-hops, max-latency, min-nodes, reaches, at-least ...; see docs/analysis.md); exit 1 when one is broken." };
        var show = new Option<int>("--show") { Description = "Print the first N paths as trees of events.", DefaultValueFactory = _ => 0 };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write one row per path (start time, node, events, hops, nodes, latency) to this CSV file." };
        var otlp = new Option<string?>("--otlp") { Description = "Send every path as an OpenTelemetry trace (one span per event, child of the event that sent its message) to this OTLP endpoint, like http://localhost:4317 for Jaeger." };
        var otlpProtocol = new Option<string>("--otlp-protocol") { Description = "OTLP over grpc (port 4317) or http (http/protobuf, port 4318).", DefaultValueFactory = _ => "grpc" };
        otlpProtocol.AcceptOnlyFromAmong("grpc", "http");
        var command = new Command("paths", "Causal paths in trace logs: the paths the .mace files declare ([path=start]), or each --start event and every event its messages led to, across nodes; latency and hops.")
        {
            files, start, expect, show, csv, otlp, otlpProtocol,
        };
        command.SetAction(result =>
        {
            var shown = result.GetValue(show);
            if (shown < 0)
            {
                Console.Error.WriteLine($"mace paths: error: --show must be at least 0, not {shown}");
                return 2;
            }
            var expectFile = result.GetValue(expect);
            List<PathExpectation>? expectations = null;
            if (expectFile is not null)
            {
                try
                {
                    expectations = PathExpectations.Parse(File.ReadAllText(expectFile.FullName), expectFile.FullName);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"mace paths: error: --expect: cannot read '{expectFile.FullName}': {ex.Message}");
                    return 2;
                }
                catch (PathExpectationsException ex)
                {
                    Console.Error.WriteLine($"mace paths: error: {ex.Message}");
                    return 2;
                }
            }
            if (!LogCommand.TryLoad("mace paths", result.GetValue(files)!, out var records)) return 2;
            var history = new CausalHistory(records);
            Uri? endpoint = null;
            if (result.GetValue(otlp) is { } address && (!Uri.TryCreate(address, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            {
                Console.Error.WriteLine($"mace paths: error: --otlp must be an http:// or https:// address like http://localhost:4317, not '{address}'");
                return 2;
            }
            if (expectations is not null && result.GetValue(start) is null) return Expect(history, expectations);
            var name = result.GetValue(start);
            if (name is null && !history.HasDeclaredPaths)
            {
                Console.Error.WriteLine("mace paths: error: these logs have no declared paths (no transition marked [path=start] ran); give --start Service.Event, --expect FILE, or both");
                return 2;
            }
            var paths = name is null ? history.DeclaredPaths() : history.PathsFrom(name);
            if (paths.Count == 0)
            {
                var known = history.Events.Select(e => e.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(20);
                Console.Error.WriteLine($"mace paths: error: no event {name} in the logs (events that start events: {string.Join(", ", known)})");
                return 2;
            }
            if (history.Links == 0)
            {
                Console.Error.WriteLine("mace paths: warning: no delivery in these logs names its sender's event (logs from before causal links, or from one node); every path is its start event alone");
            }
            for (var i = 0; i < Math.Min(shown, paths.Count); i++) Console.Write(Tree(paths[i], i + 1));
            if (name is not null) PrintSummary(name, paths, history);
            else foreach (var kind in paths.GroupBy(p => p.Kind!, StringComparer.Ordinal)) PrintSummary(kind.Key, [.. kind], history);
            if (result.GetValue(csv) is { } file)
            {
                var text = new StringBuilder("start_s,node,events,hops,nodes,latency_ms,kind,path_id,busy_ms\n");
                var origin = history.Events[0].Time;
                foreach (var p in paths)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{(p.Start.Time - origin).TotalSeconds:0.000000},{LogCommand.Csv(p.Start.Node)},{p.Events.Count},{p.Hops},{p.Nodes},{p.Latency.TotalMilliseconds:0.000},{LogCommand.Csv(p.Kind ?? name ?? "")},{p.Id},{p.Busy.TotalMilliseconds:0.000}\n");
                }
                try
                {
                    File.WriteAllText(file.FullName, text.ToString());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"mace paths: error: --csv: cannot write '{file.FullName}': {ex.Message}");
                    return 2;
                }
                Console.WriteLine($"wrote {file.FullName}");
            }
            if (endpoint is not null && !SendToOtlp(paths, name, endpoint, result.GetValue(otlpProtocol)!)) return 1;
            return expectations is null ? 0 : Expect(history, expectations);
        });
        return command;
    }

    // Each path as one OpenTelemetry trace through the SDK's OTLP exporter; false when the collector did not take them.
    private static bool SendToOtlp(List<CausalPath> paths, string? startName, Uri endpoint, string protocol)
    {
        var http = protocol == "http";
        // Over http/protobuf a bare collector address means its trace path.
        var target = http && endpoint.AbsolutePath == "/" ? new Uri(endpoint, "v1/traces") : endpoint;
        var total = paths.Sum(p => p.Events.Count);
        using var failures = new OtlpFailureListener();
        using var source = new ActivitySource(PathSpans.SourceName);
        int spans;
        bool flushed;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(PathSpans.SourceName)
            .ConfigureResource(r => r.AddService("mace-paths"))
            .AddOtlpExporter(o =>
            {
                o.Endpoint = target;
                o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                o.TimeoutMilliseconds = 10_000;
                // Every span is made before the first export: the queue holds them all, nothing is dropped.
                o.BatchExportProcessorOptions = new BatchExportProcessorOptions<Activity> { MaxQueueSize = Math.Max(2048, total + 1), MaxExportBatchSize = 512 };
            })
            .Build())
        {
            spans = PathSpans.Export(paths, source, startName);
            flushed = provider.ForceFlush(30_000);
        }
        if (!flushed || failures.First is not null)
        {
            Console.Error.WriteLine($"mace paths: error: --otlp: {target} did not take the spans over OTLP/{protocol}{(failures.First is { } why ? ": " + why : "")}");
            return false;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {paths.Count:N0} paths as {spans:N0} spans to {target} over OTLP/{protocol}"));
        return true;
    }

    // The OTLP exporter reports a collector it cannot reach or that refuses a batch only on its event
    // source (as an error, or over gRPC as a "transient" warning after which the batch is gone).
    private sealed class OtlpFailureListener : EventListener
    {
        private volatile string? _first;

        public string? First => _first;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name.StartsWith("OpenTelemetry-Exporter-OpenTelemetryProtocol", StringComparison.Ordinal)) EnableEvents(source, EventLevel.Warning);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.Level > EventLevel.Warning || _first is not null) return;
            var text = e.Message is { } format && e.Payload is { } payload ? SafeFormat(format, payload) : e.EventName ?? "export failed";
            _first = text.Split('\n')[0].TrimEnd();
        }

        private static string SafeFormat(string format, IReadOnlyCollection<object?> payload)
        {
            try
            {
                return string.Format(CultureInfo.InvariantCulture, format, [.. payload]);
            }
            catch (FormatException)
            {
                return format;
            }
        }
    }

    // Pip: every path from each expectation's start, against its rules; exit 1 when one is broken.
    private static int Expect(CausalHistory history, List<PathExpectation> expectations)
    {
        var (violations, checkedCounts) = PathExpectations.Check(history, expectations);
        var table = new Table().Border(TableBorder.Rounded).Title("expectations");
        table.AddColumn("path");
        table.AddColumn("rule");
        table.AddColumn(new TableColumn("paths").RightAligned());
        table.AddColumn(new TableColumn("broken").RightAligned());
        foreach (var expectation in expectations)
        {
            foreach (var rule in expectation.Rules)
            {
                var broken = violations.Count(v => v.Rule == rule);
                table.AddRow(Markup.Escape(expectation.Start), Markup.Escape(rule.Text), checkedCounts[expectation].ToString("N0", CultureInfo.InvariantCulture),
                    broken == 0 ? "0" : $"[red]{broken:N0}[/]");
            }
        }
        AnsiConsole.Write(table);
        var origin = history.Events.Count == 0 ? default : history.Events[0].Time;
        foreach (var v in violations.Take(20))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"broken: {v.Expectation.Start} from {v.Path.Start.Node} at {(v.Path.Start.Time - origin).TotalSeconds:0.000000} s: '{v.Rule.Text}' (line {v.Rule.Line}): {v.Actual}"));
        }
        if (violations.Count > 20) Console.WriteLine($"... and {violations.Count - 20:N0} more");
        foreach (var empty in expectations.Where(e => checkedCounts[e] == 0)) Console.Error.WriteLine($"mace paths: warning: no path starts at {empty.Start} (line {empty.Line})");
        Console.WriteLine(violations.Count == 0 ? "every path meets its expectations" : $"{violations.Count:N0} broken expectations");
        return violations.Count == 0 ? 0 : 1;
    }

    private static void PrintSummary(string name, List<CausalPath> paths, CausalHistory history)
    {
        var latencies = paths.Select(p => p.Latency.TotalMilliseconds).Order().ToList();
        var table = new Table().Border(TableBorder.Rounded).Title($"paths from {Markup.Escape(name)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("paths", paths.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("events per path (mean)", paths.Average(p => p.Events.Count).ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("hops (mean / max)", string.Create(CultureInfo.InvariantCulture, $"{paths.Average(p => p.Hops):0.00} / {paths.Max(p => p.Hops)}"));
        table.AddRow("nodes per path (mean)", paths.Average(p => p.Nodes).ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("latency p50", Milliseconds(Percentile(latencies, 0.50)));
        table.AddRow("latency p99", Milliseconds(Percentile(latencies, 0.99)));
        table.AddRow("latency max", Milliseconds(latencies[^1]));
        table.AddRow("linked deliveries in the logs", history.Links.ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    // One path as a tree: each event under the event that sent its message, with time from the start.
    private static string Tree(CausalPath path, int number)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"path {number}: {path.Events.Count} events, {path.Hops} hops, {path.Nodes} nodes, {path.Latency.TotalMilliseconds:0.000} ms{(path.Id is { } id ? $"  {path.Kind} trace {id}" : "")}\n");
        void Walk(CausalEvent e, int depth)
        {
            var at = (e.Time - path.Start.Time).TotalMilliseconds;
            // The services the event went through, outermost first (like Dht.Get > RecursiveOverlayRoute.Route).
            var names = e.Records.Select(r => r.Service + "." + r.Event).Distinct(StringComparer.Ordinal).ToList();
            var through = string.Join(" > ", names.Take(4)) + (names.Count > 4 ? " > ..." : "");
            text.Append(' ', 2 + depth * 2).Append(CultureInfo.InvariantCulture, $"+{at:0.000} ms  {e.Node}  {through}");
            if (e.Records[0].Details is { } d) text.Append("  ").Append(d.Length > 100 ? d[..100] + "..." : d);
            if (e.Duration is { Ticks: > 0 } ran) text.Append(CultureInfo.InvariantCulture, $"  (ran {ran.TotalMilliseconds:0.000} ms)");
            text.Append('\n');
            foreach (var next in path.ChildrenOf(e)) Walk(next, depth + 1);
        }
        Walk(path.Start, 0);
        return text.ToString();
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Milliseconds(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
