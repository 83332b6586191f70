namespace Mace.Runtime;

/// <summary>
/// The base of a hand-written layer on top of a stack (an application, a test driver): a service
/// whose lifecycle calls only keep the node's once-per-layer bookkeeping, named after its type.
/// Register it with the services below in the constructor; it is part of the stack a restart rebuilds.
/// </summary>
public abstract class ApplicationBase(Node node) : ServiceBase(node)
{
    /// <inheritdoc/>
    public override string ServiceName => GetType().Name;

    /// <inheritdoc/>
    public override void MaceInit() => RunLifecycle(static () => { });

    /// <inheritdoc/>
    public override void MaceExit() => RunLifecycle(static () => { });

    /// <inheritdoc/>
    public override void MaceReset() => RunLifecycle(static () => { });
}
