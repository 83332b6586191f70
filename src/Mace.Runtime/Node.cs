using System.Diagnostics;
using Mace.Runtime.Tracing;
using Mace.Runtime.Transports;
using Microsoft.Extensions.Logging;

namespace Mace.Runtime;

/// <summary>
/// A node: a stack of services sharing one environment and one event lane. One external event
/// (a delivery, a timer, an application call) runs at a time and runs to completion; upcalls and
/// downcalls inside it are plain synchronous calls; <see cref="Defer"/> work runs when the
/// outermost event ends, then end-of-event hooks (aspects) run.
/// </summary>
/// <remarks>
/// Locking rule: there is none. Everything but <see cref="Post"/>, <see cref="InvokeAsync"/> and
/// the lifecycle helpers must be called on the node's lane, which the environment guarantees runs
/// one piece of work at a time. Different nodes share nothing and run in parallel.
/// </remarks>
public sealed class Node
{
    private readonly List<IService> _services = [];
    private readonly List<IEndOfEventHook> _endOfEventHooks = [];
    private readonly Queue<Action> _deferred = new();
    private readonly List<Action> _eventEndFlushes = [];
    private int _depth;
    private long _lifecycleGeneration;
    private int _lifecycleDepth;

    /// <summary>Creates a node on <paramref name="environment"/> at <paramref name="address"/> (a transport may fill in its bound address later).</summary>
    public Node(INodeEnvironment environment, NodeAddress address = default)
    {
        Environment = environment;
        Address = address;
        // Real nodes mix a random seed into their path ids, so a restarted node (whose event numbers
        // start again at 1) never reuses one; simulated and checked nodes stay deterministic.
        if (environment is Hosting.RealNodeEnvironment) PathSeed = (ulong)Random.Shared.NextInt64();
    }

    /// <summary>The seam to time, timers, randomness and transports.</summary>
    public INodeEnvironment Environment { get; }

    /// <summary>This node's address; a transport that binds an ephemeral port sets it.</summary>
    public NodeAddress Address { get; set; }

    /// <summary>Where trace records go; null when tracing is off for the whole node.</summary>
    public ITraceSink? TraceSink { get; set; }

    /// <summary>
    /// A trace level for every service of this node in place of the one each <c>.mace</c> file
    /// declares (<c>trace = ...;</c>); null keeps the declared levels.
    /// </summary>
    public Tracing.TraceLevel? TraceLevelOverride { get; set; }

    /// <summary>The services of this node, in construction order.</summary>
    public IReadOnlyList<IService> Services => _services;

    /// <summary>Events that threw and were abandoned.</summary>
    public long FailedEvents { get; private set; }

    /// <summary>Incremented by each top-level lifecycle call; a service runs a phase once per generation.</summary>
    public long LifecycleGeneration => _lifecycleGeneration;

    /// <summary>True while an event runs on this node's lane.</summary>
    public bool InEvent => _depth > 0;

    /// <summary>Adds a service to the node; called by service constructors.</summary>
    public void Attach(IService service)
    {
        _services.Add(service);
        if (service is IEndOfEventHook hook) _endOfEventHooks.Add(hook);
    }

    /// <summary>The first service of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>() where T : class
    {
        foreach (var service in _services)
        {
            if (service is T match) return match;
        }
        return null;
    }

    /// <summary>
    /// The number of the event running now, or of the last one outside events: outermost events are
    /// numbered 1, 2, 3, ... on each node. Trace records carry it, and so do the messages an event
    /// sends, so a receiver's records name their cause.
    /// </summary>
    public long EventId { get; private set; }

    /// <summary>The remote event that caused the running one (a delivered message's sender and its event); none otherwise.</summary>
    public CausalLink Cause { get; private set; }

    /// <summary>Records that the running event delivers a message sent by <paramref name="sender"/>'s event <paramref name="senderEvent"/>. Transports call it, lane only.</summary>
    public void SetCause(NodeAddress sender, long senderEvent) => SetCause(sender, senderEvent, PathContext.None);

    /// <summary>
    /// As <see cref="SetCause(NodeAddress, long)"/>, for a message that carried the trace context
    /// <paramref name="context"/>: when it names a path, the running event joins it (and, with a
    /// listener on <see cref="MaceActivity.Source"/>, gets a span whose parent is the sender's).
    /// </summary>
    public void SetCause(NodeAddress sender, long senderEvent, in PathContext context)
    {
        if (_depth == 0) return;
        if (senderEvent > 0) Cause = new CausalLink(sender, senderEvent);
        if (context.TraceId != default && PathId == default) JoinPath(context.TraceId, context.SpanId, context.Flags, ActivityKind.Consumer);
    }

    // ---- causal paths (docs/analysis.md, "Causal paths declared in the .mace file")

    private bool _pathEnded;
    private Activity? _span;
    private bool _spanNamed;

    /// <summary>
    /// The causal path the running event is on (the W3C trace id every message and timer it causes
    /// carries); <c>default</c> when none. A transition marked <c>[path=start]</c> starts one; a
    /// delivery or timer joins the path of the event that caused it.
    /// </summary>
    public ActivityTraceId PathId { get; private set; }

    /// <summary>Mixed into new path ids: random for real nodes, 0 (deterministic) in the simulator and checker.</summary>
    public ulong PathSeed { get; set; }

    /// <summary>The span of the running event, when it is on a path and something listens to <see cref="MaceActivity.Source"/>; null otherwise.</summary>
    public Activity? Span => _span;

    /// <summary>The path messages sent now carry: <see cref="PathId"/>, unless the running event ended it.</summary>
    public ActivityTraceId OutgoingPath => _pathEnded ? default : PathId;

    /// <summary>
    /// The trace context a message sent now carries: the path (if any), and as parent span id the
    /// running event's span when it has one, or else its event number.
    /// </summary>
    public PathContext OutgoingContext
    {
        get
        {
            var path = OutgoingPath;
            if (path == default) return PathContext.FromSenderEvent(EventId);
            return _span is { } span
                ? new PathContext(path, span.SpanId, (byte)span.ActivityTraceFlags)
                : new PathContext(path, PathContext.FromSenderEvent(EventId).SpanId, 0);
        }
    }

    /// <summary>True when <see cref="OutgoingContext"/>'s span id is a live span's, so the event number must travel beside it.</summary>
    public bool OutgoingSpanIsLive => _span is not null && OutgoingPath != default;

    /// <summary>Starts a causal path at the running event, unless it is on one already. Generated code calls it for <c>[path=start]</c> transitions. Lane only.</summary>
    public void StartPath()
    {
        if (_depth == 0 || PathId != default) return;
        JoinPath(NewPathId(), default, 1, ActivityKind.Internal);
    }

    /// <summary>Ends the running event's path: the event stays on it, but what it sends or schedules from now on does not. Generated code calls it for <c>[path=end]</c> transitions. Lane only.</summary>
    public void EndPath()
    {
        if (PathId != default) _pathEnded = true;
    }

    /// <summary>Names the running event's span after the first service event it runs (generated dispatchers call it while <see cref="Span"/> is set). Lane only.</summary>
    public void NoteSpanEvent(string service, string eventName)
    {
        if (_span is not { } span) return;
        if (!_spanNamed)
        {
            _spanNamed = true;
            span.DisplayName = service + "." + eventName;
        }
        else
        {
            var services = span.GetTagItem("mace.services") as string;
            span.SetTag("mace.services", services is null ? service : services + " > " + service);
        }
    }

    private void JoinPath(ActivityTraceId path, ActivitySpanId parentSpan, byte flags, ActivityKind kind)
    {
        PathId = path;
        _pathEnded = false;
        if (!MaceActivity.Source.HasListeners()) return;
        var parent = new ActivityContext(path, parentSpan, (ActivityTraceFlags)(flags | 1), isRemote: parentSpan != default);
        var span = MaceActivity.Source.CreateActivity("event", kind, parent, idFormat: ActivityIdFormat.W3C);
        if (span is null) return;
        span.SetStartTime(Environment.Now.ToUniversalTime());
        span.SetTag("mace.node", Address.ToString());
        span.SetTag("mace.event_id", EventId);
        if (!Cause.IsNone) span.SetTag("mace.cause", Cause.Node + "#" + Cause.Event);
        span.Start();
        _span = span;
        _spanNamed = false;
    }

    private ActivityTraceId NewPathId()
    {
        Span<byte> bytes = stackalloc byte[16];
        var address = Address.RawValue * 31 + (ulong)Address.Kind;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, Mix(PathSeed ^ Mix(address)));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Mix(PathSeed + (ulong)EventId * 0x9E3779B97F4A7C15UL + address));
        return ActivityTraceId.CreateFromBytes(bytes);
    }

    // SplitMix64's finalizer: a fixed, well-mixing bijection.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private void EndPathAndSpan()
    {
        if (_span is { } span)
        {
            var end = Environment.Now.ToUniversalTime();
            span.SetEndTime(end > span.StartTimeUtc ? end : span.StartTimeUtc.AddTicks(1));
            span.Stop();
            _span = null;
        }
        PathId = default;
        _pathEnded = false;
    }

    /// <summary>Runs <paramref name="action"/> as one event on the lane, now. Lane only.</summary>
    public void Execute(Action action)
    {
        if (_depth == 0)
        {
            EventId++;
            Cause = default;
            if (PathId != default || _span is not null) EndPathAndSpan();
        }
        _depth++;
        try
        {
            action();
        }
        catch (Exception ex) when (_depth == 1)
        {
            FailedEvents++;
            Environment.Logger.LogError(ex, "event failed on node {Node}", Address);
            Environment.OnEventFailed(ex);
        }
        finally
        {
            _depth--;
        }
        if (_depth == 0)
        {
            EndEvent();
            if (TraceSink is { } sink) sink.EndEvent(Address, EventId, Environment.Now);
            if (PathId != default) EndPathAndSpan();
        }
    }

    /// <summary>Queues <paramref name="action"/> as an external event. Any thread.</summary>
    public void Post(Action action) => Environment.Post(() => Execute(action));

    /// <summary>Runs <paramref name="action"/> as an event and completes when it has run. Any thread.</summary>
    public Task InvokeAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Environment.Post(() =>
        {
            Execute(() =>
            {
                try
                {
                    action();
                    done.TrySetResult();
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                    throw;
                }
            });
        });
        return done.Task;
    }

    /// <summary>Runs <paramref name="func"/> as an event and completes with its result. Any thread.</summary>
    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Environment.Post(() =>
        {
            Execute(() =>
            {
                try
                {
                    done.TrySetResult(func());
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                    throw;
                }
            });
        });
        return done.Task;
    }

    /// <summary>Runs <paramref name="action"/> after the outermost event ends, still inside it. Lane only.</summary>
    public void Defer(Action action)
    {
        if (_depth == 0) throw new InvalidOperationException("Defer is only valid inside an event");
        _deferred.Enqueue(action);
    }

    /// <summary>Sets a timer whose work runs as its own event. Lane only.</summary>
    public ITimerHandle SetTimer(TimeSpan delay, Action work)
    {
        var path = OutgoingPath;
        if (path == default) return Environment.SetTimer(delay, () => Execute(work));
        // A timer set on a path fires on it: its event is a child of the one that set it.
        var parent = _span?.SpanId ?? default;
        return Environment.SetTimer(delay, () => Execute(() =>
        {
            if (PathId == default) JoinPath(path, parent, 1, ActivityKind.Internal);
            work();
        }));
    }

    /// <summary>Sends <paramref name="phase"/> to every service once, lower layers first. Lane only.</summary>
    public void RunLifecycle(LifecyclePhase phase)
    {
        Execute(() =>
        {
            EnterLifecycleCall();
            try
            {
                foreach (var service in _services.ToArray())
                {
                    switch (phase)
                    {
                        case LifecyclePhase.Init: service.MaceInit(); break;
                        case LifecyclePhase.Exit: service.MaceExit(); break;
                        default: service.MaceReset(); break;
                    }
                }
            }
            finally
            {
                ExitLifecycleCall();
            }
        });
    }

    /// <summary>Queues <c>MaceInit</c> for the whole stack. Any thread.</summary>
    public Task StartAsync() => PostLifecycle(LifecyclePhase.Init);

    /// <summary>Queues <c>MaceExit</c> for the whole stack. Any thread.</summary>
    public Task StopAsync() => PostLifecycle(LifecyclePhase.Exit);

    private Task PostLifecycle(LifecyclePhase phase)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Environment.Post(() =>
        {
            RunLifecycle(phase);
            done.TrySetResult();
        });
        return done.Task;
    }

    /// <summary>Starts a lifecycle call; the outermost one opens a new generation. Pair with <see cref="ExitLifecycleCall"/>.</summary>
    public void EnterLifecycleCall()
    {
        if (_lifecycleDepth++ == 0) _lifecycleGeneration++;
    }

    /// <summary>Ends a lifecycle call.</summary>
    public void ExitLifecycleCall() => _lifecycleDepth--;

    /// <summary>
    /// Runs <paramref name="flush"/> once the running event has ended (after its deferred work and
    /// aspects, and also when the event failed), or now when no event runs: for a transport that
    /// gathers what an event sends and hands it to its sockets at once. The caller asks once per
    /// event. Lane only.
    /// </summary>
    internal void FlushAtEventEnd(Action flush)
    {
        if (_depth == 0) flush();
        else _eventEndFlushes.Add(flush);
    }

    private void EndEvent()
    {
        // Most events defer nothing and the node has no aspects: skip the guarded loop.
        if (_deferred.Count == 0 && _endOfEventHooks.Count == 0)
        {
            if (_eventEndFlushes.Count > 0) RunEventEndFlushes();
            return;
        }
        _depth++;
        try
        {
            while (_deferred.Count > 0) _deferred.Dequeue()();
            foreach (var hook in _endOfEventHooks) hook.OnEndOfEvent();
        }
        catch (Exception ex)
        {
            FailedEvents++;
            _deferred.Clear();
            Environment.Logger.LogError(ex, "deferred work failed on node {Node}", Address);
            Environment.OnEventFailed(ex);
        }
        finally
        {
            _depth--;
        }
        if (_eventEndFlushes.Count > 0) RunEventEndFlushes();
    }

    // Every flush runs, whatever the others do: frames an event sent must not wait for the next event.
    private void RunEventEndFlushes()
    {
        for (var i = 0; i < _eventEndFlushes.Count; i++)
        {
            try
            {
                _eventEndFlushes[i]();
            }
            catch (Exception ex)
            {
                Environment.Logger.LogError(ex, "end-of-event flush failed on node {Node}", Address);
                Environment.OnEventFailed(ex);
            }
        }
        _eventEndFlushes.Clear();
    }
}
