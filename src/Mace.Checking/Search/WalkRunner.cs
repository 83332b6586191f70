using Mace.Checking.Execution;

namespace Mace.Checking.Search;

/// <summary>
/// Runs one random walk: re-executes a choice prefix of a known number of steps, then takes random
/// choices, checking safety after every step and stopping at the first live state.
/// </summary>
internal sealed class WalkRunner
{
    private readonly CheckWorld _world;
    private readonly CheckOptions _options;
    private readonly SearchStats _stats;
    private readonly RandomChooser _chooser = new();

    // Counts not yet added to the shared SearchStats (see FlushStats).
    private long _unflushedSteps;
    private long _unflushedWalks;
    private long _unflushedWalkSteps;

    public WalkRunner(CheckWorld world, CheckOptions options, SearchStats stats)
    {
        _world = world;
        _options = options;
        _stats = stats;
    }

    /// <summary>The choices consumed when each step ended (index 0: after the reset); valid after <see cref="Walk"/>.</summary>
    public List<int> StepEnds { get; } = [];

    /// <summary>Every choice of the last walk.</summary>
    public List<int> Choices => _chooser.Recorded;

    /// <summary>Re-executes <paramref name="steps"/> steps of <paramref name="prefix"/>, filling <see cref="StepEnds"/>.</summary>
    public void Replay(int[] prefix, int prefixLength, int steps)
    {
        _world.Chooser = _chooser;
        _chooser.Start(prefix, prefixLength, 0);
        StepEnds.Clear();
        _world.Reset();
        StepEnds.Add(_chooser.Recorded.Count);
        for (var s = 0; s < steps && _world.Step(); s++) StepEnds.Add(_chooser.Recorded.Count);
        _unflushedSteps += steps;
        FlushStats();
    }

    /// <summary>
    /// Walks from the state <paramref name="prefixSteps"/> steps along <paramref name="prefix"/>; the
    /// outcome says whether it became live or broke a property. Its steps and the walk are counted
    /// here and reach the shared <see cref="SearchStats"/> at the next <see cref="FlushStats"/>.
    /// </summary>
    public WalkOutcome Walk(int[] prefix, int prefixLength, int prefixSteps, ulong seed, bool recordSteps)
    {
        _world.Chooser = _chooser;
        _chooser.Start(prefix, prefixLength, seed);
        StepEnds.Clear();
        _world.Reset();
        if (recordSteps) StepEnds.Add(_chooser.Recorded.Count);
        for (var s = 0; s < prefixSteps; s++)
        {
            _world.Step();
            if (recordSteps) StepEnds.Add(_chooser.Recorded.Count);
        }
        _unflushedSteps += prefixSteps;
        var live = _world.HasLiveness && _world.IsLive();
        var taken = 0;
        var outcome = WalkOutcome.Exhausted;
        while (!live && taken < _options.MaxSteps)
        {
            if (!_world.Step())
            {
                outcome = WalkOutcome.Quiescent;
                break;
            }
            taken++;
            if (recordSteps) StepEnds.Add(_chooser.Recorded.Count);
            if (_world.Failure is not null || _world.ViolatedSafety() is not null)
            {
                outcome = WalkOutcome.Unsafe;
                break;
            }
            live = _world.HasLiveness && _world.IsLive();
        }
        if (live) outcome = WalkOutcome.Live;
        _unflushedSteps += taken;
        _unflushedWalks++;
        _unflushedWalkSteps += taken;
        return outcome;
    }

    /// <summary>
    /// Adds the walks and steps counted since the last call to the shared counters. Walks can be a
    /// few microseconds each, and two threads adding to the shared counters after every one of them
    /// contend for the same cache line, so a thread calls this once per block of walks.
    /// </summary>
    public void FlushStats()
    {
        if (_unflushedSteps != 0) _stats.AddSteps(_unflushedSteps);
        if (_unflushedWalks != 0) _stats.AddWalks(_unflushedWalks, _unflushedWalkSteps);
        _unflushedSteps = 0;
        _unflushedWalks = 0;
        _unflushedWalkSteps = 0;
    }
}
