using Mace.Simulation.Engine;

namespace Mace.Simulation.Network;

/// <summary>Every pair of distinct hosts is the same one-way delay apart; each host is its own location.</summary>
public sealed class ConstantLatencyModel : ILatencyModel
{
    private readonly long _ticks;

    /// <summary>A model with one-way delay <paramref name="oneWay"/>.</summary>
    public ConstantLatencyModel(TimeSpan oneWay)
    {
        if (oneWay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(oneWay), "latency must not be negative");
        _ticks = oneWay.Ticks;
    }

    /// <inheritdoc/>
    public string Description => $"constant {SimTime.ToMilliseconds(_ticks)} ms one-way";

    /// <inheritdoc/>
    public int Place(int hostId, SimRandom random) => hostId;

    /// <inheritdoc/>
    public long OneWayTicks(int fromLocation, int toLocation) => fromLocation == toLocation ? 0 : _ticks;
}
