using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// Every node runs a failure detector (<see cref="ProbeDetector"/> or <see cref="PhiDetector"/>)
/// over simulated UDP and watches a few random peers (or all of them). Scripted crashes and
/// partitions are the failures; UDP loss is the noise. A suspicion is judged when it is raised: a
/// detection if the peer is down or cut off from the watcher at that moment (its detection time is
/// measured from the crash or the partition), a false positive otherwise. Watchers of a crashed
/// peer that never suspect it are counted as missed.
/// </summary>
public sealed class FailureDetectionScenario : Scenario
{
    /// <summary>Counter of suspicions of peers that were down or cut off.</summary>
    public const string DetectionsCounter = "detector.detections";

    /// <summary>Counter of suspicions of peers that were up and reachable.</summary>
    public const string FalsePositivesCounter = "detector.false-positives";

    /// <summary>Counter of PeerRecovered upcalls.</summary>
    public const string RecoveredCounter = "detector.recovered";

    /// <summary>Watchers of a crashed peer that had not suspected it by the end of the run.</summary>
    public const string MissedCounter = "detector.missed";

    /// <summary>Detection time: from the crash or partition to the suspicion (ms).</summary>
    public const string DetectionTimeDistribution = "detector.detection-time";

    private readonly Dictionary<int, long> _downSince = [];
    private readonly HashSet<(int Watcher, int Peer)> _watching = [];
    private readonly HashSet<(int Watcher, int Peer)> _suspecting = [];
    private SimulationRun? _run;

    /// <summary>The detector every node runs.</summary>
    public DetectorKind Kind { get; init; } = DetectorKind.Probe;

    /// <summary>The probe (or heartbeat) period.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The probe detector's silence timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The phi detector's threshold.</summary>
    public double PhiThreshold { get; init; } = 8;

    /// <summary>Peers each node watches; 0 or at least the node count minus one watches every other node.</summary>
    public int PeersPerNode { get; init; } = 8;

    /// <summary>Called on every upcall the applications see (tests use it).</summary>
    public Action<DetectorObservation>? Observer { get; set; }

    /// <inheritdoc/>
    public override string Name => "failure-detection";

    /// <inheritdoc/>
    public override string Description => "every node watches peers with a failure detector over UDP; detection time, false positives, misses";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => [DetectionsCounter, FalsePositivesCounter];

    private SimulationRun Run => _run ?? throw new InvalidOperationException("the scenario has not been set up");

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        IFailureDetection detector = Kind switch
        {
            DetectorKind.Probe => ProbeDetector.Create(node, Period, Timeout),
            _ => PhiDetector.Create(node, HeartbeatInterval: Period, Threshold: PhiThreshold),
        };
        _ = new DetectorApplication(node, detector, this);
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run) => _run = run;

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        _run = run;
        _downSince.Remove(host.Id);
        var total = run.Options.Nodes;
        var at = Math.Max(run.Now, run.Options.StartWindow.Ticks);
        run.InvokeAt(at, host, node =>
        {
            var app = node.Find<DetectorApplication>()!;
            foreach (var peer in ChoosePeers(host.Id, total, node.Environment.RandInt))
            {
                _watching.Add((host.Id, peer));
                _suspecting.Remove((host.Id, peer));
                app.Watch(NodeAddress.Simulated(peer));
            }
        });
    }

    /// <inheritdoc/>
    public override void OnNodeCrashed(SimulationRun run, SimHost host)
    {
        _downSince[host.Id] = run.Now;
        _watching.RemoveWhere(pair => pair.Watcher == host.Id);
        _suspecting.RemoveWhere(pair => pair.Watcher == host.Id);
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var missed = _watching.Count(pair => _downSince.ContainsKey(pair.Peer) && !_suspecting.Contains(pair));
        run.Metrics.Set(MissedCounter, missed);
        run.Metrics.Set("detector.watched-pairs", _watching.Count);
        var seconds = Math.Max(1, run.Options.Duration.TotalSeconds);
        var hosts = run.Network.Hosts;
        run.Metrics.Set("detector.bytes.per.node.per.second", hosts.Count == 0 ? 0 : (long)(hosts.Sum(h => h.BytesSent) / seconds / hosts.Count));
    }

    internal void OnSuspected(DetectorApplication app, NodeAddress peer)
    {
        var run = Run;
        var watcher = app.LocalAddress.SimulatedId;
        var failedSince = FailedSince(run, watcher, peer.SimulatedId);
        _suspecting.Add((watcher, peer.SimulatedId));
        if (failedSince is { } since)
        {
            run.Metrics.Count(DetectionsCounter, run.Second);
            run.Metrics.Distribution(DetectionTimeDistribution).Add(TimeSpan.FromTicks(run.Now - since).TotalMilliseconds);
        }
        else
        {
            run.Metrics.Count(FalsePositivesCounter, run.Second);
        }
        Observer?.Invoke(new DetectorObservation(run.Now, watcher, peer, Suspected: true, PeerFailed: failedSince is not null));
    }

    internal void OnRecovered(DetectorApplication app, NodeAddress peer)
    {
        var run = Run;
        var watcher = app.LocalAddress.SimulatedId;
        _suspecting.Remove((watcher, peer.SimulatedId));
        run.Metrics.Count(RecoveredCounter, run.Second);
        Observer?.Invoke(new DetectorObservation(run.Now, watcher, peer, Suspected: false, PeerFailed: FailedSince(run, watcher, peer.SimulatedId) is not null));
    }

    /// <summary>When the peer went down or was cut off from the watcher; null when it is up and reachable.</summary>
    private long? FailedSince(SimulationRun run, int watcher, int peer)
    {
        if (_downSince.TryGetValue(peer, out var crashed)) return crashed;
        var hosts = run.Network.Hosts;
        if (hosts[watcher].PartitionGroup == hosts[peer].PartitionGroup) return null;
        var cut = run.Options.Faults
            .Where(f => f.Kind == FaultKind.Partition && f.At.Ticks <= run.Now && (f.Hosts.Contains(watcher) || f.Hosts.Contains(peer)))
            .Select(f => f.At.Ticks)
            .DefaultIfEmpty(run.Now)
            .Max();
        return cut;
    }

    private IEnumerable<int> ChoosePeers(int self, int total, Func<int, int> randInt)
    {
        if (PeersPerNode <= 0 || PeersPerNode >= total - 1)
        {
            for (var peer = 0; peer < total; peer++)
            {
                if (peer != self) yield return peer;
            }
            yield break;
        }
        var chosen = new HashSet<int>();
        while (chosen.Count < PeersPerNode)
        {
            var peer = randInt(total);
            if (peer != self && chosen.Add(peer)) yield return peer;
        }
    }
}
