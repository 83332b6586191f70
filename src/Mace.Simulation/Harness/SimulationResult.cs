using System.Globalization;
using Mace.Simulation.Engine;
using Mace.Simulation.Network;

namespace Mace.Simulation.Harness;

/// <summary>What a run produced: totals, metrics, per-host traffic and the run digest.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(SimulationRun run)
    {
        ScenarioName = run.Scenario.Name;
        Options = run.Options;
        Topology = run.Network.Latency.Description;
        SimulatedTime = TimeSpan.FromTicks(run.Simulator.Now);
        Events = run.Simulator.EventsProcessed;
        Digest = run.Simulator.Digest.ToString();
        Metrics = run.Metrics;
        Network = run.Network.Stats;
        LiveNodes = run.LiveHosts.Count;
        TimelineCounters = run.Scenario.TimelineCounters;
        Hosts = [.. run.Network.Hosts.Select(h => new HostSummary(h.Id, h.Incarnation, h.IsAlive, h.BytesSent, h.MessagesSent, h.BytesReceived, h.MessagesReceived))];
    }

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>The options of the run.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The latency model's description.</summary>
    public string Topology { get; }

    /// <summary>Virtual time simulated.</summary>
    public TimeSpan SimulatedTime { get; }

    /// <summary>Events run.</summary>
    public long Events { get; }

    /// <summary>The run digest (16 hex digits).</summary>
    public string Digest { get; }

    /// <summary>The scenario's metrics.</summary>
    public Metrics Metrics { get; }

    /// <summary>The network's counters.</summary>
    public NetworkStats Network { get; }

    /// <summary>Hosts alive at the end.</summary>
    public int LiveNodes { get; }

    /// <summary>Counters the scenario wants plotted over time.</summary>
    public IReadOnlyList<string> TimelineCounters { get; }

    /// <summary>Every host's totals, by id.</summary>
    public IReadOnlyList<HostSummary> Hosts { get; }

    /// <summary>The rows of the summary table: (name, value) in a fixed order.</summary>
    public IReadOnlyList<(string Name, string Value)> SummaryRows()
    {
        var rows = new List<(string, string)>
        {
            ("scenario", ScenarioName),
            ("seed", Options.Seed.ToString(CultureInfo.InvariantCulture)),
            ("topology", Topology),
            ("nodes (initial / ever / alive at end)", $"{Options.Nodes} / {Hosts.Count} / {LiveNodes}"),
            ("simulated time", $"{SimulatedTime.TotalSeconds:0.###} s"),
            ("events", Events.ToString("N0", CultureInfo.InvariantCulture)),
            ("messages sent / delivered", $"{Network.MessagesSent:N0} / {Network.MessagesDelivered:N0}"),
            ("dropped (dead peer / partition / stale sender / lost)", $"{Network.DroppedDeadPeer:N0} / {Network.DroppedPartition:N0} / {Network.DroppedStaleSender:N0} / {Network.Lost:N0}"),
            ("transport errors / format errors / failed events", $"{Network.TransportErrors:N0} / {Network.FormatErrors:N0} / {Network.FailedEvents:N0}"),
        };
        var bytes = Hosts.Select(h => (double)h.BytesSent).Order().ToArray();
        if (bytes.Length > 0)
        {
            var seconds = Math.Max(SimulatedTime.TotalSeconds, 1e-9);
            rows.Add(("bytes sent per node (mean / median / max)", $"{bytes.Average():N0} / {bytes[bytes.Length / 2]:N0} / {bytes[^1]:N0}"));
            rows.Add(("bytes sent per node per second (mean)", $"{bytes.Average() / seconds:N1}"));
        }
        foreach (var (name, value) in Metrics.Counters) rows.Add((name, value.ToString("N0", CultureInfo.InvariantCulture)));
        foreach (var d in Metrics.Distributions)
        {
            rows.Add(($"{d.Name} (n / mean / median / p99, {d.Unit})", $"{d.Count:N0} / {d.Mean:0.00} / {d.Median:0.00} / {d.P99:0.00}"));
        }
        rows.Add(("digest", Digest));
        return rows;
    }

    /// <summary>Average events per simulated second.</summary>
    public double EventsPerSimulatedSecond => Events / Math.Max(SimTime.ToSeconds(SimulatedTime.Ticks), 1e-9);
}
