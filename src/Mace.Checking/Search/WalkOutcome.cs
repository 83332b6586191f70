namespace Mace.Checking.Search;

/// <summary>How a random walk ended.</summary>
internal enum WalkOutcome
{
    /// <summary>It reached a state where every liveness property holds.</summary>
    Live,

    /// <summary>A safety property broke or a transition threw.</summary>
    Unsafe,

    /// <summary>No event was enabled any more, and the state was not live.</summary>
    Quiescent,

    /// <summary>It used its step bound without reaching a live state.</summary>
    Exhausted,
}
