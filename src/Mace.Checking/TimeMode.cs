namespace Mace.Checking;

/// <summary>What <c>Now</c> reads under the checker, and which pending timers may fire next.</summary>
public enum TimeMode
{
    /// <summary><c>Now</c> stays at the epoch; time is fully abstract and never part of the state.</summary>
    Frozen,

    /// <summary>Firing a timer advances <c>Now</c> to at least its due time; <c>Now</c> is then part of the state hash.</summary>
    Advancing,

    /// <summary>
    /// As <see cref="Advancing"/>, but timers fire in the order of their due times, as in the simulator:
    /// only the pending timers due earliest are enabled (messages are always deliverable). For services
    /// whose recurring timers would otherwise outpace deliveries in a random walk and starve liveness.
    /// </summary>
    Ordered,
}
