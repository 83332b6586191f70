using Mace.Runtime;
using Mace.Simulation.Network;

namespace Mace.Simulation.Harness;

/// <summary>
/// An experiment: the stack every node runs (built the same way on every node and on every
/// restart), the workload (application calls scheduled on the run), extra faults, and the
/// metrics it records. A scenario object serves one run.
/// </summary>
public abstract class Scenario
{
    /// <summary>The name used on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>One line for <c>--help</c> and reports.</summary>
    public abstract string Description { get; }

    /// <summary>Counters plotted over time, in the order given.</summary>
    public virtual IReadOnlyList<string> TimelineCounters => [];

    /// <summary>The stack factory: builds the services of a fresh incarnation on <paramref name="node"/>.</summary>
    public abstract void BuildStack(Node node);

    /// <summary>Called once before the run starts, after the initial nodes are scheduled: schedule workload and faults here.</summary>
    public virtual void Setup(SimulationRun run)
    {
    }

    /// <summary>
    /// Called when an incarnation has been built (its <c>MaceInit</c> is queued but has not run).
    /// A joining node gets the bootstrap host it should contact.
    /// </summary>
    public virtual void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
    }

    /// <summary>Called when an incarnation crashes.</summary>
    public virtual void OnNodeCrashed(SimulationRun run, SimHost host)
    {
    }

    /// <summary>Called at the end of the run to add totals to <see cref="SimulationRun.Metrics"/>.</summary>
    public virtual void Finish(SimulationRun run)
    {
    }
}
