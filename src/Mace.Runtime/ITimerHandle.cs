namespace Mace.Runtime;

/// <summary>A pending timer set through <see cref="INodeEnvironment.SetTimer"/>.</summary>
public interface ITimerHandle
{
    /// <summary>Cancels the timer; its work will not run if it has not started. Lane only.</summary>
    void Cancel();
}
