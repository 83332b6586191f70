using System.Diagnostics;

namespace Mace.Runtime.Tracing;

/// <summary>
/// Causal paths as OpenTelemetry traces: each path becomes one trace, each of its events one span
/// (named <c>Service.Event</c>, on the <see cref="SourceName"/> activity source), child of the span
/// of the event that sent its message (or, on a declared path, that set its timer). A span lasts as
/// long as its event ran when the log has the event's end (version 2 logs), else one tick. Anything listening to the source receives them: the OpenTelemetry SDK with an OTLP
/// exporter sends them to Jaeger, Tempo or a collector (<c>mace paths --otlp</c>).
/// </summary>
public static class PathSpans
{
    /// <summary>The <see cref="ActivitySource"/> name the spans come from.</summary>
    public const string SourceName = "Mace.Paths";

    /// <summary>
    /// Creates the spans of <paramref name="paths"/> on <paramref name="source"/>; returns how many were created (none without a listener).
    /// The root span is named <paramref name="startName"/> when given (the <c>--start</c> record, which may be an inner layer of the event).
    /// </summary>
    public static int Export(IEnumerable<CausalPath> paths, ActivitySource source, string? startName = null)
    {
        var created = 0;
        foreach (var path in paths)
        {
            var parents = new Dictionary<CausalEvent, CausalEvent>();
            foreach (var (e, _) in path.Events)
            {
                foreach (var child in path.ChildrenOf(e)) parents.TryAdd(child, e);
            }
            var contexts = new Dictionary<CausalEvent, ActivityContext>();
            // A declared path keeps its own trace id: the root's context names it, with no parent span.
            var root = path.Id is { } id ? new ActivityContext(ActivityTraceId.CreateFromString(id), default, ActivityTraceFlags.Recorded) : default;
            foreach (var (e, hops) in path.Events)
            {
                var parent = e != path.Start && parents.TryGetValue(e, out var by) && contexts.TryGetValue(by, out var sent) ? sent : root;
                var kind = e != path.Start && e.Cause is not null ? ActivityKind.Consumer : ActivityKind.Internal;
                using var activity = source.CreateActivity(e == path.Start && startName is not null ? startName : e.Name, kind, parent);
                if (activity is null) continue;
                var first = e.Records[0];
                activity.SetStartTime(e.Time);
                activity.SetTag("mace.node", e.Node);
                activity.SetTag("mace.event_id", e.Id);
                activity.SetTag("mace.hops", hops);
                activity.SetTag("mace.services", string.Join(" > ", e.Records.Select(r => r.Service + "." + r.Event).Distinct(StringComparer.Ordinal)));
                if (first.Details is { } details) activity.SetTag("mace.details", details);
                if (e.Cause is { } from) activity.SetTag("mace.cause", $"{from.Node}#{from.Id}");
                activity.Start();
                activity.SetEndTime(e.Duration is { Ticks: > 0 } duration ? e.Time + duration : e.Time.AddTicks(1));
                activity.Stop();
                contexts[e] = activity.Context;
                created++;
            }
        }
        return created;
    }
}
