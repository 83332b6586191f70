namespace Mace.Simulation.Harness;

/// <summary>
/// Poisson churn: deaths arrive at <see cref="Rate"/> per second across the system; each kills a
/// random live node (never the bootstrap node) and adds a fresh node that joins through the
/// bootstrap node. A churned-out host never comes back: once the scenario's
/// <see cref="Scenario.OnNodeCrashed"/> has seen it, its incarnation (the node, its services and
/// their state) is released, so a long run holds the live nodes only, not every node that ever ran.
/// </summary>
public sealed record ChurnOptions
{
    /// <summary>Deaths per second (lambda); zero for no churn.</summary>
    public double Rate { get; init; }

    /// <summary>When churn begins.</summary>
    public TimeSpan Start { get; init; } = TimeSpan.Zero;

    /// <summary>When churn stops (no death or join from then on); null for the end of the run.</summary>
    public TimeSpan? End { get; init; }

    /// <summary>The host every joining node contacts first.</summary>
    public int BootstrapHost { get; init; }
}
