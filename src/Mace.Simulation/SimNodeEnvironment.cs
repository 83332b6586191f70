using System.Runtime.ExceptionServices;
using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Network;
using Microsoft.Extensions.Logging;

namespace Mace.Simulation;

/// <summary>
/// The node environment of one incarnation of a simulated host: virtual time, a random stream
/// seeded from (run seed, host id, incarnation), posts and timers as engine events, and the
/// simulated transports. When the incarnation dies, its pending events are dropped as they come
/// due; a restart gets a fresh environment, so nothing of the old one leaks into the new.
/// </summary>
public sealed class SimNodeEnvironment : INodeEnvironment, ISimEventHandler
{
    private readonly SimRandom _random;
    private readonly Simulator _simulator;
    private List<SimTransport>? _tcp;
    private List<SimTransport>? _udp;

    internal SimNodeEnvironment(SimNetwork network, SimHost host, int incarnation, ulong seed, ILogger logger, bool throwOnEventFailure)
    {
        Network = network;
        Host = host;
        Incarnation = incarnation;
        Logger = logger;
        ThrowOnEventFailure = throwOnEventFailure;
        _simulator = network.Simulator;
        _random = new SimRandom(seed);
    }

    /// <summary>The network this node is on.</summary>
    public SimNetwork Network { get; }

    /// <summary>The host this incarnation runs on.</summary>
    public SimHost Host { get; }

    /// <summary>The incarnation number (1 for the first start).</summary>
    public int Incarnation { get; }

    /// <summary>False once the incarnation has crashed or been stopped.</summary>
    public bool IsAlive { get; internal set; } = true;

    /// <summary>The node built on this environment.</summary>
    public Node Node { get; internal set; } = null!;

    /// <summary>When true, an event's exception stops the simulation instead of being counted.</summary>
    public bool ThrowOnEventFailure { get; }

    /// <summary>The last exception an event of this incarnation threw.</summary>
    public Exception? LastFailure { get; private set; }

    /// <inheritdoc/>
    public DateTime Now => SimTime.ToDateTime(_simulator.Now);

    /// <inheritdoc/>
    public ILogger Logger { get; }

    /// <inheritdoc/>
    public int RandInt(int maxExclusive) => _random.NextInt(maxExclusive);

    /// <inheritdoc/>
    public double RandDouble() => _random.NextDouble();

    /// <inheritdoc/>
    public void Post(Action work) =>
        _simulator.Schedule(_simulator.Now, this, work ?? throw new ArgumentNullException(nameof(work)), 0, Host.Id, SimEventKind.Post);

    /// <inheritdoc/>
    public ITimerHandle SetTimer(TimeSpan delay, Action work)
    {
        var handle = new SimTimerHandle(this, work ?? throw new ArgumentNullException(nameof(work)));
        _simulator.ScheduleAfter(Math.Max(0, delay.Ticks), handle, null, 0, Host.Id, SimEventKind.Timer);
        return handle;
    }

    /// <inheritdoc/>
    public ITransport CreateTransport(Node node, TransportKind kind)
    {
        ref var list = ref kind == TransportKind.Tcp ? ref _tcp : ref _udp;
        list ??= [];
        SimTransport transport = kind == TransportKind.Tcp
            ? new SimTcpTransport(this, node, list.Count)
            : new SimUdpTransport(this, node, list.Count);
        list.Add(transport);
        return transport;
    }

    /// <inheritdoc/>
    public void OnEventFailed(Exception exception)
    {
        Network.Stats.FailedEvents++;
        LastFailure = exception;
        if (ThrowOnEventFailure) ExceptionDispatchInfo.Throw(exception);
    }

    /// <inheritdoc/>
    void ISimEventHandler.OnEvent(object? state, long argument)
    {
        if (!IsAlive)
        {
            Network.Stats.StaleEvents++;
            return;
        }
        ((Action)state!)();
    }

    internal SimTransport? FindTransport(TransportKind kind, int index)
    {
        var list = kind == TransportKind.Tcp ? _tcp : _udp;
        return list is not null && index < list.Count ? list[index] : null;
    }
}
