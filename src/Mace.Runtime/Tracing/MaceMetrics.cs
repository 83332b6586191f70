using System.Diagnostics.Metrics;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tracing;

/// <summary>
/// Node and transport counters as <see cref="System.Diagnostics.Metrics"/> instruments on the
/// <see cref="MeterName"/> meter, for the OpenTelemetry SDK, <c>dotnet-counters</c> or any
/// <see cref="MeterListener"/>: events, failed events, and per transport kind messages and bytes
/// sent and received, malformed frames and open connections, and on real nodes the lane's queue
/// depth and pending timers, each tagged with <c>mace.node</c>.
/// <c>mace run</c> and the generic host track their node; call <see cref="Track"/> for your own.
/// </summary>
public static class MaceMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Mace";

    private static readonly Lock s_gate = new();
    private static readonly List<WeakReference<Node>> s_nodes = [];
    private static readonly Meter s_meter = new(MeterName);

    static MaceMetrics()
    {
        s_meter.CreateObservableCounter("mace.node.events", () => Observe(n => n.EventId), description: "events run on the node's lane");
        s_meter.CreateObservableCounter("mace.node.failed_events", () => Observe(n => n.FailedEvents), description: "events that threw and were abandoned");
        s_meter.CreateObservableGauge("mace.node.queued_work", () => ObserveReal(e => e.QueuedWork), description: "lane work queued and not yet started");
        s_meter.CreateObservableGauge("mace.node.pending_timers", () => ObserveReal(e => e.PendingTimers), description: "timers set and neither fired nor cancelled");
        Transport("mace.transport.messages_sent", s => s.MessagesSent, "frames sent");
        Transport("mace.transport.messages_received", s => s.MessagesReceived, "frames received");
        Transport("mace.transport.bytes_sent", s => s.BytesSent, "bytes sent, framing included", "By");
        Transport("mace.transport.bytes_received", s => s.BytesReceived, "bytes received, framing included", "By");
        Transport("mace.transport.malformed_dropped", s => s.MalformedDropped, "malformed frames dropped");
        s_meter.CreateObservableUpDownCounter("mace.transport.connections", () => ObserveTransports(s => s.ActiveConnections), description: "open TCP connections");
    }

    /// <summary>Reports <paramref name="node"/>'s counters until it is collected.</summary>
    public static void Track(Node node)
    {
        lock (s_gate) s_nodes.Add(new WeakReference<Node>(node));
    }

    private static void Transport(string name, Func<TransportStatistics, long> value, string description, string? unit = null) =>
        s_meter.CreateObservableCounter(name, () => ObserveTransports(value), unit, description);

    private static List<Node> Live()
    {
        lock (s_gate)
        {
            var live = new List<Node>();
            s_nodes.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (var w in s_nodes) if (w.TryGetTarget(out var node)) live.Add(node);
            return live;
        }
    }

    private static IEnumerable<Measurement<long>> Observe(Func<Node, long> value) =>
        Live().Select(n => new Measurement<long>(value(n), new KeyValuePair<string, object?>("mace.node", n.Address.ToString())));

    private static IEnumerable<Measurement<int>> ObserveReal(Func<RealNodeEnvironment, int> value) =>
        Live().Where(n => n.Environment is RealNodeEnvironment)
            .Select(n => new Measurement<int>(value((RealNodeEnvironment)n.Environment), new KeyValuePair<string, object?>("mace.node", n.Address.ToString())));

    private static IEnumerable<Measurement<long>> ObserveTransports(Func<TransportStatistics, long> value)
    {
        foreach (var node in Live())
        {
            foreach (var service in node.Services)
            {
                var (kind, statistics) = service switch
                {
                    TcpSocketTransport tcp => ("tcp", tcp.Statistics),
                    UdpSocketTransport udp => ("udp", udp.Statistics),
                    _ => ("", null!),
                };
                if (statistics is null) continue;
                yield return new Measurement<long>(value(statistics),
                    new KeyValuePair<string, object?>("mace.node", node.Address.ToString()), new KeyValuePair<string, object?>("mace.transport", kind));
            }
        }
    }
}
