using System.Diagnostics.Metrics;
using Mace.Runtime.Hosting;
using Mace.Runtime.Tests.Transports;
using Mace.Runtime.Tracing;

namespace Mace.Runtime.Tests.Tracing;

/// <summary>The "Mace" meter reports a tracked node's events and its transport's traffic, as a MeterListener (or the OpenTelemetry SDK) reads them.</summary>
public sealed class MaceMetricsTests
{
    [Fact]
    public async Task TrackedPingNodes_ReportEventsMessagesAndBytes_TaggedWithTheirAddress()
    {
        await using var a = await PingNode.StartAsync();
        await using var b = await PingNode.StartAsync(new RealNodeOptions { Seed = 2 });
        MaceMetrics.Track(a.Node);
        MaceMetrics.Track(b.Node);
        await a.MonitorAsync(b.Address);
        await a.RespondedFrom(b.Address);

        var seen = new List<(string Instrument, string? Node, string? Transport, long Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MaceMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? node = null, transport = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "mace.node") node = (string?)tag.Value;
                if (tag.Key == "mace.transport") transport = (string?)tag.Value;
            }
            seen.Add((instrument.Name, node, transport, value));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();

        long Value(string instrument, NodeAddress node, string? transport = null) =>
            Assert.Single(seen, m => m.Instrument == instrument && m.Node == node.ToString() && m.Transport == transport).Value;
        // b received a's ping and a b's pong: at least one frame and its bytes each way, every one well formed.
        Assert.True(Value("mace.transport.messages_received", b.Address, "tcp") >= 1);
        Assert.True(Value("mace.transport.messages_received", a.Address, "tcp") >= 1);
        Assert.True(Value("mace.transport.bytes_received", a.Address, "tcp") > Value("mace.transport.messages_received", a.Address, "tcp"));
        Assert.Equal(0, Value("mace.transport.malformed_dropped", a.Address, "tcp"));
        Assert.True(Value("mace.transport.connections", a.Address, "tcp") >= 1);
        // Init, the monitor call, the pong delivery at least; nothing threw.
        Assert.True(Value("mace.node.events", a.Address) >= 3);
        Assert.Equal(0, Value("mace.node.failed_events", a.Address));
        Assert.True(Value("mace.node.pending_timers", a.Address) >= 1, "Ping's sweep timer is set");
        Assert.Single(seen, m => m.Instrument == "mace.node.queued_work" && m.Node == b.Address.ToString());
    }
}
