using Mace.Simulation.Engine;

namespace Mace.Simulation.Harness;

/// <summary>The handler of harness events (faults, workload calls): the state is the action to run.</summary>
internal sealed class ActionEvent : ISimEventHandler
{
    public static readonly ActionEvent Instance = new();

    public void OnEvent(object? state, long argument) => ((Action)state!)();
}
