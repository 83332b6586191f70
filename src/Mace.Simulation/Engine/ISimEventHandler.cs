namespace Mace.Simulation.Engine;

/// <summary>
/// Something the engine calls when one of its events comes due. Handlers are long-lived objects
/// (an environment, a timer, an in-flight message), so scheduling allocates no delegate.
/// </summary>
public interface ISimEventHandler
{
    /// <summary>Runs the event scheduled with <paramref name="state"/> and <paramref name="argument"/>.</summary>
    void OnEvent(object? state, long argument);
}
