using System.Diagnostics;

namespace Mace.Runtime.Tracing;

/// <summary>
/// Causal paths as OpenTelemetry traces: each path becomes one trace, each of its events one span
/// (named <c>Service.Event</c>, on the <see cref="SourceName"/> activity source), child of the span
/// of the event that sent its message. Events are atomic in Mace, so a span lasts one tick at the
/// event's time. Anything listening to the source receives them: the OpenTelemetry SDK with an OTLP
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
            var contexts = new Dictionary<CausalEvent, ActivityContext>();
            foreach (var (e, hops) in path.Events)
            {
                var parent = e != path.Start && e.Cause is { } cause && contexts.TryGetValue(cause, out var sent) ? sent : default;
                using var activity = source.CreateActivity(e == path.Start && startName is not null ? startName : e.Name, parent == default ? ActivityKind.Internal : ActivityKind.Consumer, parent);
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
                activity.SetEndTime(e.Time.AddTicks(1));
                activity.Stop();
                contexts[e] = activity.Context;
                created++;
            }
        }
        return created;
    }
}
