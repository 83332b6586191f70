using Microsoft.Extensions.Logging;

namespace Mace.Runtime;

/// <summary>
/// The base of every generated service: its node, and the environment's time, randomness, timers
/// and <see cref="Defer"/>, which are the only nondeterminism a service may touch.
/// </summary>
public abstract class ServiceBase : IService
{
    /// <summary>The lifecycle generation this service last ran a phase in; -1 before any.</summary>
    private long _lifecycleGeneration = -1;

    /// <summary>Attaches the service to <paramref name="node"/>.</summary>
    protected ServiceBase(Node node)
    {
        Node = node;
        node.Attach(this);
    }

    /// <summary>The node this service runs on.</summary>
    public Node Node { get; }

    /// <inheritdoc/>
    public abstract string ServiceName { get; }

    /// <summary>The local node's address.</summary>
    public NodeAddress LocalAddress => Node.Address;

    /// <summary>The node's clock (wall or virtual).</summary>
    protected DateTime Now => Node.Environment.Now;

    /// <summary>The node's logger.</summary>
    protected ILogger Log => Node.Environment.Logger;

    /// <summary>A seeded random integer in [0, <paramref name="maxExclusive"/>).</summary>
    protected int RandInt(int maxExclusive) => Node.Environment.RandInt(maxExclusive);

    /// <summary>A seeded random double in [0, 1).</summary>
    protected double RandDouble() => Node.Environment.RandDouble();

    /// <summary>Runs <paramref name="action"/> after the outermost event ends.</summary>
    protected void Defer(Action action) => Node.Defer(action);

    /// <inheritdoc/>
    public abstract void MaceInit();

    /// <inheritdoc/>
    public abstract void MaceExit();

    /// <inheritdoc/>
    public abstract void MaceReset();

    /// <summary>
    /// Runs <paramref name="core"/> unless this service was already reached by the current
    /// lifecycle call (a lower layer shared by two upper ones is reached twice, runs once).
    /// </summary>
    protected void RunLifecycle(Action core)
    {
        Node.EnterLifecycleCall();
        try
        {
            if (_lifecycleGeneration == Node.LifecycleGeneration) return;
            _lifecycleGeneration = Node.LifecycleGeneration;
            core();
        }
        finally
        {
            Node.ExitLifecycleCall();
        }
    }

    /// <summary>Writes this service's state (state variables, then <c>state</c>) for hashing and cloning.</summary>
    public virtual void WriteState(ref Serialization.MaceWriter writer)
    {
    }

    /// <summary>A readable dump of this service's state, one variable a line.</summary>
    public virtual string PrintState() => ServiceName;
}
