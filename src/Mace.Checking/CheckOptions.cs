namespace Mace.Checking;

/// <summary>
/// Bounds, seed and fault model of one check. Everything here that shapes the set of enabled
/// events (faults, budgets, time, random resolution) is stored in a counterexample, so it replays.
/// </summary>
public sealed record CheckOptions
{
    /// <summary>Steps explored exhaustively (breadth first) from each initial state.</summary>
    public int Depth { get; init; } = 8;

    /// <summary>Random walks started from the frontier of the exhaustive search.</summary>
    public int Walks { get; init; } = 200;

    /// <summary>Steps of one random walk.</summary>
    public int MaxSteps { get; init; } = 300;

    /// <summary>Seeds every random walk and the critical-transition search.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Faults the chooser may inject.</summary>
    public FaultKinds Faults { get; init; }

    /// <summary>Crashes per execution when <see cref="FaultKinds.Crash"/> is on.</summary>
    public int MaxCrashes { get; init; } = 1;

    /// <summary>Restarts per execution when <see cref="FaultKinds.Restart"/> is on.</summary>
    public int MaxRestarts { get; init; } = 1;

    /// <summary>Lost datagrams per execution when <see cref="FaultKinds.Loss"/> is on.</summary>
    public int MaxLosses { get; init; } = 1;

    /// <summary>Broken connections per execution when <see cref="FaultKinds.Error"/> is on.</summary>
    public int MaxErrors { get; init; } = 1;

    /// <summary>What <c>Now</c> reads.</summary>
    public TimeMode Time { get; init; } = TimeMode.Frozen;

    /// <summary><c>RandDouble()</c> returns one of this many bucket midpoints.</summary>
    public int RandDoubleBuckets { get; init; } = 4;

    /// <summary>Unique states after which the exhaustive phase stops early.</summary>
    public int MaxStates { get; init; } = 2_000_000;

    /// <summary>Walks tried from each prefix while searching for a critical transition.</summary>
    public int CriticalWalks { get; init; } = 32;

    /// <summary>
    /// Reset reuses each node's first incarnation through <c>MaceReset</c> instead of rebuilding it,
    /// after a self-check shows both give the same states (otherwise it rebuilds). A speed option only.
    /// </summary>
    public bool ReuseNodes { get; init; } = true;

    /// <summary>
    /// The exhaustive search expands every successor of a state from one re-execution of its prefix:
    /// after each successor it restores a snapshot of the world and replays only the node that
    /// stepped (needs <see cref="ReuseNodes"/>; kept only if a self-check shows the same states).
    /// A speed option only: the states, their order and every counter are the same either way.
    /// </summary>
    public bool LocalRestore { get; init; } = true;

    /// <summary>
    /// Threads that expand states and run walks, each with its own copy of the world. A speed option
    /// only: the unique states, their order, the counters of the exhaustive search and the first
    /// violation are the same with any number (docs/model-checker.md, "Two cores").
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Whether to run random walks at all (a pure exhaustive check sets false).</summary>
    public bool RunWalks { get; init; } = true;
}
