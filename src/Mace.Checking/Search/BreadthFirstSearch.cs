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
internal sealed class BreadthFirstSearch
{
    private readonly CheckWorld _world;
    private readonly CheckOptions _options;
    private readonly SearchStats _stats;
    private readonly ScriptedChooser _chooser = new();
    private readonly StateHashSet _visited = new();
    private int[] _path = new int[64];
    private WorldSnapshot? _snapshot;

    public BreadthFirstSearch(CheckWorld world, CheckOptions options, SearchStats stats)
    {
        _world = world;
        _options = options;
        _stats = stats;
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
        _world.DecideLocalRestore();
        _world.RecordHistory = _world.LocalRestoreOn;
        try
        {
            return Search(cancellation);
        }
        finally
        {
            _world.RecordHistory = false;
        }
    }

    private Violation? Search(CancellationToken cancellation)
    {
        _world.Chooser = _chooser;
        var n = _world.NodeCount;
        List<int> level = [0];
        List<ulong> levelHashes = [.. new ulong[n]];
        for (var depth = -1; depth < _options.Depth; depth++)
        {
            List<int> next = [];
            List<ulong> nextHashes = [];
            for (var p = 0; p < level.Count; p++)
            {
                cancellation.ThrowIfCancellationRequested();
                var violation = Expand(level[p], depth, levelHashes, p * n, next, nextHashes);
                if (violation is not null) return violation;
                if (_visited.Count >= _options.MaxStates) break;
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

    // The search's loop-heavy methods (this, hashing, snapshots) are compiled fully optimized at first
    // call: a check is often over before tiered compilation would promote them (docs/benchmarks.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Violation? Expand(int parent, int depth, List<ulong> levelHashes, int hashOffset, List<int> next, List<ulong> nextHashes)
    {
        var n = _world.NodeCount;
        var length = Tree.PathOf(parent, ref _path);
        _chooser.ResetOdometer();
        Span<ulong> nodeHashes = stackalloc ulong[n];
        var restorable = false;
        var first = true;
        do
        {
            if (first || !restorable || !Restore())
            {
                _stats.AddReplay();
                _chooser.Start(_path, length);
                _world.Reset();
                if (depth >= 0)
                {
                    for (var s = 0; s < depth; s++) _world.Step();
                    _world.RestoreNodeHashes(CollectionsMarshal.AsSpan(levelHashes).Slice(hashOffset, n));
                }
                restorable = depth >= 0 && _world.CanRestoreLocally && _chooser.ScriptConsumed;
                if (restorable) _world.TakeSnapshot(_snapshot ??= new WorldSnapshot(n));
            }
            else
            {
                _chooser.Continue();
            }
            first = false;
            if (depth >= 0 && !_world.Step())
            {
                _stats.AddSteps(depth);
                if (_world.HasLiveness && DeadEnd is null && !_world.IsLive()) DeadEnd = (_path.AsSpan(0, length).ToArray(), depth, _world.FailingLiveness());
                return null;
            }
            _stats.AddSteps(depth + 1);
            var hash = _world.ComputeHash();
            var fresh = _visited.Add(hash);
            _stats.AddGenerated(fresh);
            if (!fresh) continue;

            var id = Tree.Add(parent, _chooser.Extension);
            if (Check(id) is { } violation) return violation;
            next.Add(id);
            _world.CaptureNodeHashes(nodeHashes);
            foreach (var h in nodeHashes) nextHashes.Add(h);
        }
        while (_chooser.Advance());
        return null;
    }

    // Back to the parent without re-executing its prefix; a failed local replay turns the shortcut off.
    private bool Restore()
    {
        if (_world.RestoreSnapshot(_snapshot!))
        {
            _stats.AddRestore();
            return true;
        }
        _world.DisableLocalRestore();
        return false;
    }

    private Violation? Check(int id)
    {
        var failure = _world.Failure;
        var property = failure is null ? _world.ViolatedSafety() : null;
        if (failure is null && property is null) return null;
        var length = Tree.PathOf(id, ref _path);
        var choices = _path.AsSpan(0, length).ToArray();
        var steps = Tree.Depth(id);
        return failure is { } f
            ? new Violation(ViolationKind.Exception, f.Exception.GetType().Name, choices, steps, $"n{f.Node}: {f.Exception.Message}")
            : new Violation(ViolationKind.Safety, property!, choices, steps, $"safety property '{property}' does not hold");
    }
}
