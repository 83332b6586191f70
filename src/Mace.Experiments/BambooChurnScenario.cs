using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// The paper's churn experiment: nodes in groups of <see cref="GroupSize"/>; each group looks up a
/// random key as a Poisson process (mean <see cref="LookupMean"/>); a lookup is consistent when a
/// majority of the group reach the same owner. Initial nodes join through host 0, replacements
/// through the churn bootstrap; lookups and churn start after <see cref="Warmup"/>.
/// </summary>
public sealed class BambooChurnScenario : Scenario
{
    private readonly Dictionary<long, ChurnLookup> _lookups = [];
    private readonly List<List<int>> _groups = [];
    private readonly Queue<int> _vacant = new();
    private readonly Dictionary<int, int> _groupOf = [];
    private SimRandom _random = new(1);
    private long _nextId;
    private long _bytesAtWarmup;
    private long _lookupBytes;
    private TimeSpan _warmup;

    /// <summary>A scenario for <paramref name="overlay"/>.</summary>
    public BambooChurnScenario(OverlayKind overlay = OverlayKind.Bamboo) => Overlay = overlay;

    /// <summary>The overlay under test.</summary>
    public OverlayKind Overlay { get; }

    /// <summary>Requesters per group.</summary>
    public int GroupSize { get; init; } = 10;

    /// <summary>Mean time between a group's lookups.</summary>
    public TimeSpan LookupMean { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When lookups are measured from (churn should start here too); by default 60 s after the last
    /// initial join, at most half the run.
    /// </summary>
    public TimeSpan? Warmup { get; init; }

    /// <summary>Initial node i joins at i times this (joins through host 0, one at a time).</summary>
    public TimeSpan JoinSpacing { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a lookup may take before it is judged.</summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Check each owner against the true owner among live joined nodes (slow; for tests without churn).</summary>
    public bool CheckOwners { get; init; }

    /// <summary>Lookups whose owner was not the true owner (with <see cref="CheckOwners"/>).</summary>
    public long WrongOwners { get; private set; }

    /// <summary>Called with (key, owner reached, true owner) for each wrong owner (with <see cref="CheckOwners"/>).</summary>
    public Action<Key, int, int>? WrongOwner { get; set; }

    /// <summary>Owner checks made (with <see cref="CheckOwners"/>).</summary>
    public long OwnerChecks { get; private set; }

    /// <inheritdoc/>
    public override string Name => Overlay switch
    {
        OverlayKind.Pastry => "pastry-churn",
        OverlayKind.Chord => "chord-churn",
        _ => "bamboo-churn",
    };

    /// <inheritdoc/>
    public override string Description => $"{Overlay} under Poisson churn: groups of {GroupSize} look up random keys (mean {LookupMean.TotalSeconds:0.#} s); consistency, latency, hops, maintenance bytes";

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var stack = OverlayStack.Build(node, Overlay, withDht: false);
        _ = new ChurnLookupApplication(node, stack, this);
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run)
    {
        _random = new SimRandom(SimRandom.Derive(run.Options.Seed, 77));
        var automatic = TimeSpan.FromSeconds(60) + (run.Options.Nodes * JoinSpacing);
        _warmup = Warmup ?? (automatic < run.Options.Duration / 2 ? automatic : run.Options.Duration / 2);
        var groups = Math.Max(1, run.Options.Nodes / GroupSize);
        for (var g = 0; g < groups; g++) _groups.Add([]);
        for (var i = 0; i < run.Options.Nodes; i++) Assign(i, i % groups);
        run.At(_warmup.Ticks, () => _bytesAtWarmup = run.Network.Hosts.Sum(h => h.BytesSent));
        for (var g = 0; g < groups; g++) ScheduleGroup(run, g);
    }

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        if (start == NodeStart.Join && _groups.Count > 0) Assign(host.Id, _vacant.Count > 0 ? _vacant.Dequeue() : _random.NextInt(_groups.Count));
        OverlayJoins.Schedule(run, host, start, bootstrap, JoinSpacing);
    }

    /// <inheritdoc/>
    public override void OnNodeCrashed(SimulationRun run, SimHost host)
    {
        if (!_groupOf.Remove(host.Id, out var g)) return;
        _groups[g].Remove(host.Id);
        _vacant.Enqueue(g);
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        foreach (var (id, lookup) in _lookups.ToList())
        {
            if (run.Now - lookup.Start >= LookupTimeout.Ticks) Judge(run, lookup, id);
        }
        var seconds = Math.Max(1, SimTime.ToSeconds(run.Now - _warmup.Ticks));
        var maintenance = run.Network.Hosts.Sum(h => h.BytesSent) - _bytesAtWarmup - _lookupBytes;
        run.Metrics.Set("maintenance.bytes.per.node.per.second", (long)Math.Round(maintenance / seconds / Math.Max(1, run.LiveHosts.Count)));
        run.Metrics.Set("lookup.bytes", _lookupBytes);
        var consistent = run.Metrics.Counter("lookup.consistent");
        var judged = consistent + run.Metrics.Counter("lookup.inconsistent");
        run.Metrics.Set("lookup.consistent.per.10000", judged == 0 ? 0 : consistent * 10_000 / judged);
    }

    internal void OnLookupBytes(int bytes)
    {
        if (Run is { } run && run.Now >= _warmup.Ticks) _lookupBytes += bytes;
    }

    internal void OnHop(long id, int source)
    {
        if (_lookups.TryGetValue(id, out var lookup)) lookup.Hops[source] = lookup.Hops.GetValueOrDefault(source) + 1;
    }

    internal void OnOwnerReached(long id, int source, int owner, Key key)
    {
        if (!CheckOwners || !_lookups.ContainsKey(id) || Run is not { } run) return;
        OwnerChecks++;
        var expected = TrueOwner(run, key);
        if (expected == owner) return;
        WrongOwners++;
        WrongOwner?.Invoke(key, owner, expected);
    }

    internal void OnReply(long id, int requester, int owner)
    {
        if (!_lookups.TryGetValue(id, out var lookup) || Run is not { } run || !lookup.Owners.TryAdd(requester, owner)) return;
        if (!lookup.Measured) return;
        run.Metrics.Distribution("lookup.latency").Add(SimTime.ToMilliseconds(run.Now - lookup.Start));
        run.Metrics.Distribution("lookup.hops", "hops").Add(lookup.Hops.GetValueOrDefault(requester));
    }

    private SimulationRun? Run { get; set; }

    private void Assign(int host, int group)
    {
        _groups[group].Add(host);
        _groupOf[host] = group;
    }

    private void ScheduleGroup(SimulationRun run, int group)
    {
        Run = run;
        var gap = (long)(_random.NextExponential(1.0 / LookupMean.TotalSeconds) * SimTime.TicksPerSecond);
        run.At(Math.Max(run.Now, _warmup.Ticks - LookupTimeout.Ticks) + Math.Max(1, gap), () =>
        {
            StartLookup(run, group);
            if (run.Now < run.EndTime) ScheduleGroup(run, group);
        });
    }

    private void StartLookup(SimulationRun run, int group)
    {
        var id = _nextId++;
        Span<byte> bytes = stackalloc byte[Key.ByteLength];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)_random.NextInt(256);
        var lookup = new ChurnLookup(Key.FromBytes(bytes), run.Now, run.Now >= _warmup.Ticks);
        _lookups.Add(id, lookup);
        foreach (var member in _groups[group])
        {
            var host = run.Network.Hosts[member];
            run.InvokeAt(run.Now, host, node =>
            {
                if (node.Find<ChurnLookupApplication>()!.Lookup(id, lookup.Key)) lookup.Issued++;
            });
        }
        run.At(run.Now + LookupTimeout.Ticks, () => Judge(run, lookup, id));
    }

    private void Judge(SimulationRun run, ChurnLookup lookup, long id)
    {
        _lookups.Remove(id);
        if (!lookup.Measured || lookup.Issued == 0) return;
        run.Metrics.Count(lookup.IsConsistent ? "lookup.consistent" : "lookup.inconsistent", run.Second);
        run.Metrics.Count("lookup.requests", run.Second, lookup.Issued);
        run.Metrics.Count("lookup.replies", run.Second, lookup.Owners.Count);
    }

    private int TrueOwner(SimulationRun run, Key key)
    {
        var best = -1;
        var bestDistance = Key.MaxValue;
        foreach (var host in run.LiveHosts)
        {
            if (host.Node?.Find<IOverlayRouter>() is not { } overlay || !overlay.IsJoined(0)) continue;
            var id = RingMath.IdOf(host.Address);
            var distance = Overlay == OverlayKind.Chord ? key.ClockwiseDistance(id) : id.AbsoluteDistance(key);
            if (best < 0 || distance < bestDistance || (distance == bestDistance && id < RingMath.IdOf(NodeAddress.Simulated(best))))
            {
                best = host.Id;
                bestDistance = distance;
            }
        }
        return best;
    }
}
