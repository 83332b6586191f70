using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mace.Checking.Execution;

namespace Mace.Checking.Search;

/// <summary>
/// Bounded exhaustive search, breadth first over choice sequences, with no seed (it is fully
/// deterministic). Services cannot be cloned, so a state is reached by re-executing its choice prefix
/// on a freshly reset world; its successors are then taken one step each, and between two of them
/// the world goes back to the state through a snapshot and a local replay of the one node that
/// stepped (or, when that is off, by re-executing the prefix again). Every choice inside the step
/// (random draws too) is enumerated by an odometer. A successor whose global state hash was seen
/// before is pruned. Breadth-first order makes the first safety violation found a shortest one.
/// </summary>
/// <remarks>
/// With <see cref="CheckOptions.Threads"/> above 1, each level's states are expanded by several
/// threads, each on its own copy of the world, into per-state lists of successors; one thread then
/// merges the lists in the level's order (hash set, tree, counters, properties), exactly as the
/// one-thread search would have met them. So the unique states, their numbering, the counters and
/// the first violation do not depend on the number of threads.
/// </remarks>
internal sealed class BreadthFirstSearch
{
    // Below this many states a level is expanded on one thread: the hand-off would cost more.
    internal const int ParallelLevel = 16;

    private readonly CheckOptions _options;
    private readonly SearchStats _stats;
    private readonly StateHashSet _visited = new();
    private readonly Expander _main;
    private readonly Func<CheckWorld>? _newWorld;
    private readonly List<Expander> _helpers = [];

    public BreadthFirstSearch(CheckWorld world, CheckOptions options, SearchStats stats, Func<CheckWorld>? newWorld = null)
    {
        _options = options;
        _stats = stats;
        _main = new Expander(world);
        _newWorld = newWorld;
    }

    public SearchTree Tree { get; } = new();

    /// <summary>The states of the deepest level reached: where random walks start.</summary>
    public List<int> Frontier { get; private set; } = [];

    /// <summary>The initial states (depth 0).</summary>
    public List<int> InitialStates { get; private set; } = [];

    /// <summary>The shallowest state found with no enabled event that is not live: a certain liveness violation.</summary>
    public (int[] Choices, int Steps, string Failing)? DeadEnd { get; private set; }

    public Violation? Run(CancellationToken cancellation)
    {
        _main.Prepare();
        try
        {
            return Search(cancellation);
        }
        finally
        {
            _main.World.RecordHistory = false;
        }
    }

    private Violation? Search(CancellationToken cancellation)
    {
        var n = _main.World.NodeCount;
        List<int> level = [0];
        List<ulong> levelHashes = [.. new ulong[n]];
        for (var depth = -1; depth < _options.Depth; depth++)
        {
            List<int> next = [];
            List<ulong> nextHashes = [];
            var sink = new LevelSink(this, next, nextHashes);
            if (_options.Threads > 1 && _newWorld is not null && level.Count >= ParallelLevel)
            {
                var violation = ExpandInParallel(level, depth, levelHashes, sink, cancellation);
                if (violation is not null) return violation;
            }
            else
            {
                for (var p = 0; p < level.Count; p++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var counts = default(ExpansionCounts);
                    (int[] Choices, int Steps, string Failing)? dead = null;
                    _main.Expand(level[p], depth, levelHashes, p * n, Tree, ref counts, sink, ref dead);
                    counts.AddTo(_stats);
                    if (dead is not null && DeadEnd is null) DeadEnd = dead;
                    if (sink.Violation is { } found) return found;
                    if (_visited.Count >= _options.MaxStates) break;
                }
            }
            if (next.Count == 0)
            {
                _stats.Complete = true;
                break;
            }
            if (depth < 0) InitialStates = next;
            level = next;
            levelHashes = nextHashes;
            Frontier = level;
            _stats.SetDepth(depth + 1);
            if (_visited.Count >= _options.MaxStates) break;
        }
        return null;
    }

    // The level's states expanded by the threads, a chunk at a time, into one list each; then the
    // chunk's lists merged in order. Chunks bound the work done past a violation or MaxStates.
    private Violation? ExpandInParallel(List<int> level, int depth, List<ulong> levelHashes, LevelSink sink, CancellationToken cancellation)
    {
        var n = _main.World.NodeCount;
        while (_helpers.Count < _options.Threads - 1)
        {
            var helper = new Expander(_newWorld!());
            helper.Prepare();
            _helpers.Add(helper);
        }
        var expanders = new List<Expander>(_options.Threads) { _main };
        expanders.AddRange(_helpers);
        var chunk = Math.Max(ParallelLevel, 256 * expanders.Count);
        var results = new ParentResult[Math.Min(chunk, level.Count)];
        var collectors = expanders.Select(_ => new CollectingSink(_visited)).ToArray();
        for (var from = 0; from < level.Count; from += chunk)
        {
            var count = Math.Min(chunk, level.Count - from);
            var nextIndex = from - 1;
            foreach (var collector in collectors) collector.Clear();
            // Each thread takes the next unexpanded state until none is left; which thread expands which
            // state changes nothing, because each result is kept under its state's place in the level.
            Parallel.For(0, expanders.Count, new ParallelOptions { MaxDegreeOfParallelism = expanders.Count, CancellationToken = cancellation }, t =>
            {
                var expander = expanders[t];
                var collector = collectors[t];
                while (true)
                {
                    var p = Interlocked.Increment(ref nextIndex);
                    if (p >= from + count) return;
                    cancellation.ThrowIfCancellationRequested();
                    var first = collector.Count;
                    (int[] Choices, int Steps, string Failing)? dead = null;
                    var counts = default(ExpansionCounts);
                    expander.Expand(level[p], depth, levelHashes, p * n, Tree, ref counts, collector, ref dead);
                    results[p - from] = new ParentResult(t, first, collector.Count - first, dead, counts);
                }
            });
            for (var p = from; p < from + count; p++)
            {
                var result = results[p - from];
                result.Counts.AddTo(_stats);
                if (result.DeadEnd is { } dead && DeadEnd is null) DeadEnd = dead;
                var collector = collectors[result.Thread];
                for (var i = result.First; i < result.First + result.Count; i++)
                {
                    if (sink.Merge(level[p], collector, i) is { } violation) return violation;
                }
                if (_visited.Count >= _options.MaxStates) return null;
            }
        }
        return null;
    }

    /// <summary>One world and what it needs to expand states: its chooser, its snapshot, a path buffer.</summary>
    private sealed class Expander(CheckWorld world)
    {
        private readonly ScriptedChooser _chooser = new();
        private int[] _path = new int[64];
        private WorldSnapshot? _snapshot;

        public CheckWorld World { get; } = world;

        public void Prepare()
        {
            World.DecideLocalRestore();
            World.RecordHistory = World.LocalRestoreOn;
            World.Chooser = _chooser;
        }

        public ReadOnlySpan<int> Extension => _chooser.Extension;

        // The search's loop-heavy methods (this, hashing, snapshots) are compiled fully optimized at first
        // call: a check is often over before tiered compilation would promote them (docs/benchmarks.md).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Expand(int parent, int depth, List<ulong> levelHashes, int hashOffset, SearchTree tree, ref ExpansionCounts counts, ISuccessorSink sink,
            ref (int[] Choices, int Steps, string Failing)? deadEnd)
        {
            var n = World.NodeCount;
            var length = tree.PathOf(parent, ref _path);
            _chooser.ResetOdometer();
            var restorable = false;
            var first = true;
            do
            {
                if (first || !restorable || !Restore(ref counts))
                {
                    counts.Replays++;
                    _chooser.Start(_path, length);
                    World.Reset();
                    if (depth >= 0)
                    {
                        for (var s = 0; s < depth; s++) World.Step();
                        World.RestoreNodeHashes(CollectionsMarshal.AsSpan(levelHashes).Slice(hashOffset, n));
                    }
                    restorable = depth >= 0 && World.CanRestoreLocally && _chooser.ScriptConsumed;
                    if (restorable) World.TakeSnapshot(_snapshot ??= new WorldSnapshot(n));
                }
                else
                {
                    _chooser.Continue();
                }
                first = false;
                if (depth >= 0 && !World.Step())
                {
                    counts.Steps += depth;
                    if (World.HasLiveness && !World.IsLive()) deadEnd = (_path.AsSpan(0, length).ToArray(), depth, World.FailingLiveness());
                    return;
                }
                counts.Steps += depth + 1;
                if (sink.Successor(parent, World.ComputeHash(), this)) return;
            }
            while (_chooser.Advance());
        }

        // Back to the parent without re-executing its prefix; a failed local replay turns the shortcut off.
        private bool Restore(ref ExpansionCounts counts)
        {
            if (World.RestoreSnapshot(_snapshot!))
            {
                counts.Restores++;
                return true;
            }
            World.DisableLocalRestore();
            return false;
        }

        /// <summary>What is wrong in the world now: an exception, or a broken safety property; null when neither.</summary>
        public (ViolationKind Kind, string Name, string Message)? Problem()
        {
            var failure = World.Failure;
            if (failure is { } f) return (ViolationKind.Exception, f.Exception.GetType().Name, $"n{f.Node}: {f.Exception.Message}");
            return World.ViolatedSafety() is { } property ? (ViolationKind.Safety, property, $"safety property '{property}' does not hold") : null;
        }
    }

    /// <summary>Takes each successor as it is generated; true stops the expansion.</summary>
    private interface ISuccessorSink
    {
        bool Successor(int parent, ulong hash, Expander expander);
    }

    /// <summary>
    /// A successor expanded on a helper thread, waiting for its turn in the merge: its choices and node
    /// hashes are ranges of its thread's buffers (no allocation per successor).
    /// </summary>
    private readonly record struct Candidate(ulong Hash, bool SeenBefore, int ExtensionStart, int ExtensionLength, int NodeHashStart, (ViolationKind Kind, string Name, string Message)? Problem);

    /// <summary>One state's expansion on thread <c>Thread</c>: its successors are that thread's candidates First .. First + Count - 1.</summary>
    private readonly record struct ParentResult(int Thread, int First, int Count, (int[] Choices, int Steps, string Failing)? DeadEnd, ExpansionCounts Counts);

    /// <summary>What one state's expansion cost: added to the search's counters when it is merged.</summary>
    private struct ExpansionCounts
    {
        public long Steps;
        public long Replays;
        public long Restores;

        public readonly void AddTo(SearchStats stats)
        {
            stats.AddSteps(Steps);
            stats.AddReplays(Replays);
            stats.AddRestores(Restores);
        }
    }

    // The one-thread search: each successor straight into the hash set, the tree and the next level.
    private sealed class LevelSink(BreadthFirstSearch search, List<int> next, List<ulong> nextHashes) : ISuccessorSink
    {
        private ulong[] _nodeHashes = [];

        public Violation? Violation { get; private set; }

        public bool Successor(int parent, ulong hash, Expander expander)
        {
            var fresh = search._visited.Add(hash);
            search._stats.AddGenerated(fresh);
            if (!fresh) return false;
            var id = search.Tree.Add(parent, expander.Extension);
            if (expander.Problem() is { } problem)
            {
                Violation = search.ViolationAt(id, problem);
                return true;
            }
            next.Add(id);
            var n = expander.World.NodeCount;
            if (_nodeHashes.Length != n) _nodeHashes = new ulong[n];
            expander.World.CaptureNodeHashes(_nodeHashes);
            foreach (var h in _nodeHashes) nextHashes.Add(h);
            return false;
        }

        // A successor from a helper thread, in the order the one-thread search would have generated it.
        public Violation? Merge(int parent, CollectingSink from, int index)
        {
            var candidate = from.Candidates[index];
            var fresh = !candidate.SeenBefore && search._visited.Add(candidate.Hash);
            search._stats.AddGenerated(fresh);
            if (!fresh) return null;
            var id = search.Tree.Add(parent, CollectionsMarshal.AsSpan(from.Extensions).Slice(candidate.ExtensionStart, candidate.ExtensionLength));
            if (candidate.Problem is { } problem) return search.ViolationAt(id, problem);
            next.Add(id);
            nextHashes.AddRange(CollectionsMarshal.AsSpan(from.NodeHashes).Slice(candidate.NodeHashStart, from.NodeCount));
            return null;
        }
    }

    // A helper thread's view: the successors of a chunk of states, in order, in flat buffers reused
    // from chunk to chunk; ones seen at earlier levels are kept only as a count.
    private sealed class CollectingSink(StateHashSet visited) : ISuccessorSink
    {
        private ulong[] _scratch = [];

        public List<Candidate> Candidates { get; } = [];

        public List<int> Extensions { get; } = [];

        public List<ulong> NodeHashes { get; } = [];

        public int NodeCount { get; private set; }

        public int Count => Candidates.Count;

        public void Clear()
        {
            Candidates.Clear();
            Extensions.Clear();
            NodeHashes.Clear();
        }

        public bool Successor(int parent, ulong hash, Expander expander)
        {
            // The hash set only grows between chunks (the merge), so reading it here is safe; a state
            // first met earlier in this level is found a duplicate by the merge.
            if (visited.Contains(hash))
            {
                Candidates.Add(new Candidate(hash, SeenBefore: true, 0, 0, 0, null));
                return false;
            }
            NodeCount = expander.World.NodeCount;
            if (_scratch.Length != NodeCount) _scratch = new ulong[NodeCount];
            expander.World.CaptureNodeHashes(_scratch);
            var extension = expander.Extension;
            Candidates.Add(new Candidate(hash, SeenBefore: false, Extensions.Count, extension.Length, NodeHashes.Count, expander.Problem()));
            foreach (var choice in extension) Extensions.Add(choice);
            NodeHashes.AddRange(_scratch);
            return false;
        }
    }

    private Violation ViolationAt(int id, (ViolationKind Kind, string Name, string Message) problem)
    {
        var path = Array.Empty<int>();
        var length = Tree.PathOf(id, ref path);
        return new Violation(problem.Kind, problem.Name, path.AsSpan(0, length).ToArray(), Tree.Depth(id), problem.Message);
    }
}
