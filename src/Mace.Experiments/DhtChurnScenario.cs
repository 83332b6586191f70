using System.Text;
using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// The replicated DHT over Bamboo under churn, checked Jepsen-style. After a warm-up, random joined
/// nodes put fresh records (Poisson, mean <see cref="PutMean"/>) and get records acknowledged at
/// least 2 s before (mean <see cref="GetMean"/>); in the last <see cref="ReadPhase"/> of the run
/// (churn should have stopped, <c>--churn-window</c>) every acknowledged record is read back from a
/// random node, retried every 5 s: a record never found is <c>dht.lost</c>, one found with another
/// value <c>dht.wrong</c>. Get and put latencies are measured call to result upcall.
/// </summary>
public sealed class DhtChurnScenario : Scenario
{
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(5);
    private readonly Dictionary<Key, (int Index, long Since)> _acknowledged = [];
    private readonly List<Key> _acknowledgedOrder = [];
    private readonly Dictionary<(int Host, Key Key), Queue<long>> _pendingGets = [];
    private readonly Dictionary<(int Host, Key Key), (long Start, int Index)> _pendingPuts = [];
    private readonly HashSet<Key> _unverified = [];
    private SimRandom _random = new(1);
    private SimulationRun? _run;
    private int _nextRecord;
    private long _warmup;
    private long _readStart;

    /// <summary>Copies of each record.</summary>
    public int Replicas { get; init; } = 3;

    /// <summary>Mean time between puts (the whole system's).</summary>
    public TimeSpan PutMean { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Mean time between gets (the whole system's).</summary>
    public TimeSpan GetMean { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The final phase that reads back every acknowledged record; at most a third of the run.</summary>
    public TimeSpan ReadPhase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Initial node i joins at i times this, through host 0.</summary>
    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <inheritdoc/>
    public override string Name => "dht-churn";

    /// <inheritdoc/>
    public override string Description => $"the DHT over Bamboo ({Replicas} replicas) under churn: puts and gets, then every acknowledged record read back; lost records, latency";

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var stack = OverlayStack.Build(node, OverlayKind.Bamboo, withDht: true, replicas: Replicas);
        stack.Dht!.RegisterDHTResults(1, new Results(this, node));
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run)
    {
        _run = run;
        _random = new SimRandom(SimRandom.Derive(run.Options.Seed, 91));
        var end = run.EndTime;
        var read = Math.Min(ReadPhase.Ticks, end / 3);
        _readStart = end - read;
        _warmup = Math.Min(TimeSpan.FromSeconds(20).Ticks + (run.Options.Nodes * JoinSpacing.Ticks), _readStart / 2);
        Schedule(run, PutMean, Put);
        Schedule(run, GetMean, Get);
        run.At(_readStart, () => ReadBack(run, attempt: 0));
    }

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        OverlayJoins.Schedule(run, host, start, bootstrap, JoinSpacing);
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        run.Metrics.Set("dht.acknowledged", _acknowledged.Count);
        run.Metrics.Set("dht.lost", _unverified.Count);
        run.Metrics.Set("dht.read.back", _acknowledged.Count - _unverified.Count);
        var found = run.Metrics.Counter("dht.get.found");
        var asked = found + run.Metrics.Counter("dht.get.missing");
        run.Metrics.Set("dht.get.found.per.10000", asked == 0 ? 0 : found * 10_000 / asked);
    }

    /// <summary>The records acknowledged so far and not read back yet in the final phase.</summary>
    public IReadOnlyCollection<Key> Unverified => _unverified;

    /// <summary>The value put for record <paramref name="index"/>.</summary>
    public static byte[] ValueOf(int index) => Encoding.UTF8.GetBytes($"value-{index}");

    /// <summary>The key of record <paramref name="index"/>.</summary>
    public static Key KeyOf(int index) => Key.Hash($"dht-record-{index}");

    private void Schedule(SimulationRun run, TimeSpan mean, Action<SimulationRun> operation)
    {
        var gap = (long)(_random.NextExponential(1.0 / mean.TotalSeconds) * SimTime.TicksPerSecond);
        var at = Math.Max(run.Now, _warmup) + Math.Max(1, gap);
        if (at >= _readStart) return;
        run.At(at, () =>
        {
            operation(run);
            Schedule(run, mean, operation);
        });
    }

    private SimHost? JoinedHost(SimulationRun run)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (run.RandomLiveHost(_random.NextInt) is { Node: { } node } host && node.Find<IOverlayRouter>()!.IsJoined(0)) return host;
        }
        return null;
    }

    private void Put(SimulationRun run)
    {
        if (JoinedHost(run) is not { } host) return;
        var index = _nextRecord++;
        var key = KeyOf(index);
        _pendingPuts[(host.Id, key)] = (run.Now, index);
        run.Metrics.Count("dht.put", run.Second);
        run.InvokeAt(run.Now, host, node => node.Find<Dht>()!.Put(key, ValueOf(index)));
    }

    private void Get(SimulationRun run)
    {
        if (_acknowledgedOrder.Count == 0 || JoinedHost(run) is not { } host) return;
        var key = _acknowledgedOrder[_random.NextInt(_acknowledgedOrder.Count)];
        if (run.Now - _acknowledged[key].Since < TimeSpan.FromSeconds(2).Ticks) return;
        Ask(run, host, key);
    }

    private void Ask(SimulationRun run, SimHost host, Key key)
    {
        if (!_pendingGets.TryGetValue((host.Id, key), out var starts)) _pendingGets[(host.Id, key)] = starts = new Queue<long>();
        starts.Enqueue(run.Now);
        run.InvokeAt(run.Now, host, node => node.Find<Dht>()!.Get(key));
    }

    // Every acknowledged record not yet read back, from a random joined node; again every 5 s.
    private void ReadBack(SimulationRun run, int attempt)
    {
        if (attempt == 0) _unverified.UnionWith(_acknowledgedOrder);
        foreach (var key in _unverified)
        {
            if (JoinedHost(run) is { } host) Ask(run, host, key);
        }
        if (run.Now + s_retry.Ticks < run.EndTime) run.At(run.Now + s_retry.Ticks, () => ReadBack(run, attempt + 1));
    }

    private void OnPut(int host, Key key, bool stored)
    {
        if (_run is not { } run || !_pendingPuts.Remove((host, key), out var put)) return;
        if (!stored)
        {
            run.Metrics.Count("dht.put.failed", run.Second);
            return;
        }
        run.Metrics.Count("dht.put.acknowledged", run.Second);
        run.Metrics.Distribution("dht.put.latency").Add(SimTime.ToMilliseconds(run.Now - put.Start));
        if (_acknowledged.TryAdd(key, (put.Index, run.Now))) _acknowledgedOrder.Add(key);
    }

    private void OnGet(int host, Key key, bool found, byte[]? value)
    {
        if (_run is not { } run || !_pendingGets.TryGetValue((host, key), out var starts) || starts.Count == 0) return;
        var start = starts.Dequeue();
        if (!_acknowledged.TryGetValue(key, out var record)) return;
        if (!found)
        {
            run.Metrics.Count("dht.get.missing", run.Second);
            return;
        }
        run.Metrics.Count("dht.get.found", run.Second);
        run.Metrics.Distribution("dht.get.latency").Add(SimTime.ToMilliseconds(run.Now - start));
        if (!value.AsSpan().SequenceEqual(ValueOf(record.Index)))
        {
            run.Metrics.Count("dht.wrong", run.Second);
            return;
        }
        _unverified.Remove(key);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["dht.put.acknowledged", "dht.get.found", "dht.get.missing", "churn.deaths"];

    private sealed class Results(DhtChurnScenario owner, Node node) : IDHTResults
    {
        public void PutResult(Key key, bool stored) => owner.OnPut(node.Address.SimulatedId, key, stored);

        public void GetResult(Key key, bool found, byte[]? value) => owner.OnGet(node.Address.SimulatedId, key, found, value);

        public void RemoveResult(Key key, bool removed)
        {
        }
    }
}
