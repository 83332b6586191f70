using Mace.Runtime;
using Mace.Simulation.Engine;

namespace Mace.Simulation;

/// <summary>
/// A timer set through <see cref="SimNodeEnvironment.SetTimer"/>: itself the engine event's
/// handler. Cancelling clears the work; the queue entry stays and is skipped when it comes due.
/// </summary>
internal sealed class SimTimerHandle : ITimerHandle, ISimEventHandler
{
    private readonly SimNodeEnvironment _environment;
    private Action? _work;

    public SimTimerHandle(SimNodeEnvironment environment, Action work)
    {
        _environment = environment;
        _work = work;
    }

    public void Cancel() => _work = null;

    public void OnEvent(object? state, long argument)
    {
        var work = _work;
        if (work is null) return;
        _work = null;
        if (!_environment.IsAlive)
        {
            _environment.Network.Stats.StaleEvents++;
            return;
        }
        work();
    }
}
