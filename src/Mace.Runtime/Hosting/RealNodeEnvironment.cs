// Determinism exemption: this file is the real runtime's side of the seam, so it alone (with the
// socket transports) reads the wall clock, creates a Random and uses thread-pool threads and OS
// timers. Mace.Runtime is not under the banned-API analyzer (eng/BannedSymbols.txt) for that reason;
// Mace.Services, generated services and test services are (<MaceBannedApis>true</MaceBannedApis>)
// and reach all of this only through INodeEnvironment.
using System.Collections.Concurrent;
using Mace.Runtime.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mace.Runtime.Hosting;

/// <summary>
/// The real runtime's <see cref="INodeEnvironment"/> for one node: wall clock, a seeded random
/// source, a lock-free event lane on the thread pool, OS timers, and TCP/UDP socket transports.
/// One environment per node; many nodes in one process run in parallel.
/// </summary>
public sealed partial class RealNodeEnvironment : INodeEnvironment, IDisposable
{
    private readonly EventLane _lane;
    private readonly Random _random;
    private readonly ConcurrentDictionary<RealTimer, byte> _timers = new();
    private long _failedEvents;

    /// <summary>An environment with <paramref name="options"/>, logging through <paramref name="loggerFactory"/>.</summary>
    public RealNodeEnvironment(RealNodeOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new RealNodeOptions();
        Options.Validate();
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Mace.Node");
        Seed = Options.Seed ?? Random.Shared.Next();
        _random = new Random(Seed);
        _lane = new EventLane(Options.LaneBatchSize, OnLaneFault);
        if (Options.Seed is null) LogSeedDrawn(Logger, Seed);
    }

    /// <summary>The options this node runs with.</summary>
    public RealNodeOptions Options { get; }

    /// <summary>Where loggers for the node and its transports come from.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The seed of the node's random source (drawn and logged when none was given).</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public ILogger Logger { get; }

    /// <summary>Events that threw and were abandoned on this environment's lane.</summary>
    public long FailedEvents => Interlocked.Read(ref _failedEvents);

    /// <summary>Lane work queued and not yet started.</summary>
    public int QueuedWork => _lane.QueuedCount;

    /// <summary>Timers set and neither fired nor cancelled.</summary>
    public int PendingTimers => _timers.Count;

    /// <inheritdoc/>
    public DateTime Now => Options.TimeProvider.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public int RandInt(int maxExclusive) => _random.Next(maxExclusive);

    /// <inheritdoc/>
    public double RandDouble() => _random.NextDouble();

    /// <inheritdoc/>
    public void Post(Action work) => _lane.Post(work);

    /// <inheritdoc/>
    public ITimerHandle SetTimer(TimeSpan delay, Action work)
    {
        var timer = new RealTimer(this, delay, work);
        _timers.TryAdd(timer, 0);
        return timer;
    }

    /// <inheritdoc/>
    public ITransport CreateTransport(Node node, TransportKind kind) => kind switch
    {
        TransportKind.Tcp => new TcpSocketTransport(node, Options, LoggerFactory.CreateLogger<TcpSocketTransport>()),
        TransportKind.Udp => new UdpSocketTransport(node, Options, LoggerFactory.CreateLogger<UdpSocketTransport>()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transport kind"),
    };

    /// <inheritdoc/>
    public void OnEventFailed(Exception exception)
    {
        Interlocked.Increment(ref _failedEvents);
        LogEventAbandoned(Logger, exception.GetType().Name);
    }

    /// <summary>Stops the lane (queued work is dropped) and every pending timer. Call after the node's <c>StopAsync</c>.</summary>
    public void Dispose()
    {
        _lane.Close();
        foreach (var timer in _timers.Keys) timer.Dispose();
        _timers.Clear();
    }

    internal void PostRaw(Action work) => _lane.Post(work);

    /// <summary>Queues <paramref name="work"/> and runs the lane's turn on the calling thread if none is scheduled. Socket loops only, never lane work.</summary>
    internal void PostAndRun(Action work) => _lane.PostAndRun(work);

    internal void Forget(RealTimer timer) => _timers.TryRemove(timer, out _);

    // Work posted straight to the environment (not through Node.Execute) that threw.
    private void OnLaneFault(Exception exception)
    {
        Interlocked.Increment(ref _failedEvents);
        LogLaneFault(Logger, exception);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "no seed given: drew random seed {Seed}")]
    private static partial void LogSeedDrawn(ILogger logger, int seed);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "event abandoned after {ExceptionType}; the node goes on")]
    private static partial void LogEventAbandoned(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "lane work threw outside an event; the node goes on")]
    private static partial void LogLaneFault(ILogger logger, Exception exception);
}
