namespace Mace.Checking;

/// <summary>What <c>Now</c> reads under the checker. Either way any pending timer may fire next.</summary>
public enum TimeMode
{
    /// <summary><c>Now</c> stays at the epoch; time is fully abstract and never part of the state.</summary>
    Frozen,

    /// <summary>Firing a timer advances <c>Now</c> to at least its due time; <c>Now</c> is then part of the state hash.</summary>
    Advancing,
}
