using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// The FastTrack-style file sharing network: one node in ten has super-peer capacity; every node
/// shares 10 of 1,000 files (popular files more often, p(i) ~ the square of a uniform draw), and
/// joins through host 0 and two earlier nodes. After a warm-up, one search phase after another
/// (10 s of 20 searches a second and 6 s for the answers for files drawn the same way): floods with TTL 1, 2 and 3,
/// then random walks with TTL 4, 16 and 64. Per phase: the success rate (a hit within 5 s), query
/// messages per search, hops to the first hit; every hit is downloaded from its holder.
/// </summary>
public sealed class FileShareScenario : Scenario
{
    private const int Catalog = 1000;
    private static readonly (string Mode, int Ttl)[] s_phases = [("flood", 1), ("flood", 2), ("flood", 3), ("walk", 4), ("walk", 16), ("walk", 64)];
    private static readonly TimeSpan s_searching = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_phase = TimeSpan.FromSeconds(16);
    private static readonly TimeSpan s_answerWithin = TimeSpan.FromSeconds(5);
    private readonly Dictionary<long, Search> _searches = [];
    private SimRandom _random = new(1);
    private SimulationRun? _run;
    private long _nextId = 1;

    /// <summary>Searches per second in a phase.</summary>
    public int SearchRate { get; init; } = 20;

    /// <inheritdoc/>
    public override string Name => "fileshare";

    /// <inheritdoc/>
    public override string Description => "FastTrack-style file sharing: super-peer election, flood search (TTL 1-3) and random walks (TTL 4-64); success rate and messages per search";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => ["search.issued", "search.found", "churn.deaths"];

    /// <summary>The phases run, as (mode, TTL), in order.</summary>
    public static IReadOnlyList<(string Mode, int Ttl)> Phases => s_phases;

    /// <summary>The simulated time the phases need after the warm-up for <paramref name="nodes"/> nodes.</summary>
    public static TimeSpan Needed(int nodes) => Warmup(nodes) + (s_phases.Length * s_phase);

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var id = node.Address.SimulatedId;
        var capacity = id == 0 || SimRandom.Derive(1234, (ulong)id) % 10 == 0 ? 20 : 1;
        var share = PeerShare.Create(node, Capacity: capacity);
        share.RegisterFileSharingResults(1, new Results(this, node));
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run)
    {
        _run = run;
        _random = new SimRandom(SimRandom.Derive(run.Options.Seed, 31));
        var start = Warmup(run.Options.Nodes).Ticks;
        for (var p = 0; p < s_phases.Length; p++)
        {
            var phase = p;
            var from = start + (p * s_phase.Ticks);
            run.At(from, () => StartPhase(run, phase));
            for (var k = 0; k < s_searching.TotalSeconds * SearchRate; k++)
            {
                run.At(from + (k * SimTime.TicksPerSecond / SearchRate), () => StartSearch(run, phase));
            }
            // Searches for 10 s, then 6 s for the last answers: phases do not overlap, so the query
            // messages counted between a phase's start and end are its own.
            run.At(from + s_phase.Ticks - 1, () => EndPhase(run, phase));
        }
    }

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        var at = start == NodeStart.Initial ? Math.Max(run.Now, host.Id * TimeSpan.FromMilliseconds(20).Ticks) : run.Now;
        var random = new SimRandom(SimRandom.Derive(run.Options.Seed, 700 + (ulong)host.Id));
        List<NodeAddress> via = host.Id == 0 ? [] : [NodeAddress.Simulated(0)];
        for (var i = 0; i < 2 && host.Id > 1; i++) via.Add(NodeAddress.Simulated(random.NextInt(host.Id)));
        var files = Enumerable.Range(0, 10).Select(_ => FileName(random)).Distinct().ToList();
        run.InvokeAt(at, host, node =>
        {
            var share = node.Find<PeerShare>()!;
            foreach (var file in files) share.Share(file);
            share.JoinNetwork(via);
        });
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var shares = Live(run);
        run.Metrics.Set("fileshare.supers", shares.Count(s => s.state == PeerShare.States.Super));
        run.Metrics.Set("fileshare.leaves", shares.Count(s => s.state == PeerShare.States.Leaf));
        run.Metrics.Set("fileshare.unplaced", shares.Count(s => s.state != PeerShare.States.Super && s.state != PeerShare.States.Leaf));
    }

    private static TimeSpan Warmup(int nodes) => TimeSpan.FromSeconds(15) + (nodes * TimeSpan.FromMilliseconds(20));

    private static string FileName(SimRandom random)
    {
        var u = random.NextDouble();
        return $"file-{(int)(Catalog * u * u)}";
    }

    private static List<PeerShare> Live(SimulationRun run) =>
        [.. run.LiveHosts.Select(h => h.Node?.Find<PeerShare>()).OfType<PeerShare>()];

    private long _messagesAtStart;
    private long _messagesOfTheDead;

    // Query messages sent so far by every node, the crashed ones included.
    private long QueryMessages(SimulationRun run) => Live(run).Sum(s => s.QueryMessages) + _messagesOfTheDead;

    /// <inheritdoc/>
    public override void OnNodeCrashed(SimulationRun run, SimHost host)
    {
        // The host is already down (Node is null once it is not alive); its environment still holds the node.
        if (host.Environment?.Node.Find<PeerShare>() is { } share) _messagesOfTheDead += share.QueryMessages;
    }

    private void StartPhase(SimulationRun run, int phase) => _messagesAtStart = QueryMessages(run);

    private void StartSearch(SimulationRun run, int phase)
    {
        if (run.RandomLiveHost(_random.NextInt) is not { Node: { } node } host) return;
        var share = node.Find<PeerShare>()!;
        if (share.state != PeerShare.States.Leaf && share.state != PeerShare.States.Super) return;
        var (mode, ttl) = s_phases[phase];
        var id = _nextId++;
        var name = FileName(_random);
        _searches[id] = new Search(phase, run.Now, name);
        run.Metrics.Count("search.issued", run.Second);
        run.InvokeAt(run.Now, host, n => n.Find<PeerShare>()!.Search(id, name, ttl, mode == "walk"));
    }

    private void EndPhase(SimulationRun run, int phase)
    {
        var (mode, ttl) = s_phases[phase];
        var searches = _searches.Values.Where(s => s.Phase == phase).ToList();
        var found = searches.Count(s => s.FirstHit >= 0 && s.FirstHit - s.At <= s_answerWithin.Ticks);
        var messages = QueryMessages(run) - _messagesAtStart;
        var prefix = $"search.{mode}.ttl{ttl}";
        run.Metrics.Set(prefix + ".searches", searches.Count);
        run.Metrics.Set(prefix + ".success.per.10000", searches.Count == 0 ? 0 : found * 10_000L / searches.Count);
        run.Metrics.Set(prefix + ".messages.per.100.searches", searches.Count == 0 ? 0 : messages * 100 / searches.Count);
    }

    private void OnHit(Node node, long id, NodeAddress holder, int hops)
    {
        if (_run is not { } run || !_searches.TryGetValue(id, out var search) || search.FirstHit >= 0) return;
        search.FirstHit = run.Now;
        run.Metrics.Count("search.found", run.Second);
        var (mode, ttl) = s_phases[search.Phase];
        run.Metrics.Distribution($"search.{mode}.ttl{ttl}.hops", "hops").Add(hops);
        run.InvokeAt(run.Now, run.Network.Hosts[node.Address.SimulatedId], n => n.Find<PeerShare>()!.Download(search.Name, holder));
    }

    private void OnDownloaded()
    {
        if (_run is { } run) run.Metrics.Count("download.ok", run.Second);
    }

    private sealed class Search(int phase, long at, string name)
    {
        public int Phase { get; } = phase;

        public long At { get; } = at;

        public string Name { get; } = name;

        public long FirstHit { get; set; } = -1;
    }

    private sealed class Results(FileShareScenario owner, Node node) : IFileSharingResults
    {
        public void SearchResult(long id, string name, NodeAddress holder, int hops) => owner.OnHit(node, id, holder, hops);

        public void Downloaded(string name, NodeAddress from, int bytes) => owner.OnDownloaded();
    }
}
