using Mace.Simulation.Engine;

namespace Mace.Simulation.Network;

/// <summary>
/// Where hosts sit and how long a message takes between them. A host is placed once, when it is
/// added (churn adds hosts as it goes), and from then on keeps its location.
/// </summary>
public interface ILatencyModel
{
    /// <summary>A one-line description for reports.</summary>
    string Description { get; }

    /// <summary>Places host <paramref name="hostId"/> and returns its location; draws only from <paramref name="random"/>.</summary>
    int Place(int hostId, SimRandom random);

    /// <summary>The one-way propagation delay in ticks between two locations (zero from a location to itself).</summary>
    long OneWayTicks(int fromLocation, int toLocation);
}
