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
    private int _depth;
    private long _lifecycleGeneration;
    private int _lifecycleDepth;

    /// <summary>Creates a node on <paramref name="environment"/> at <paramref name="address"/> (a transport may fill in its bound address later).</summary>
    public Node(INodeEnvironment environment, NodeAddress address = default)
    {
        Environment = environment;
        Address = address;
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
    public void SetCause(NodeAddress sender, long senderEvent)
    {
        if (_depth > 0 && senderEvent > 0) Cause = new CausalLink(sender, senderEvent);
    }

    /// <summary>Runs <paramref name="action"/> as one event on the lane, now. Lane only.</summary>
    public void Execute(Action action)
    {
        if (_depth == 0)
        {
            EventId++;
            Cause = default;
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
        if (_depth == 0) EndEvent();
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
    public ITimerHandle SetTimer(TimeSpan delay, Action work) => Environment.SetTimer(delay, () => Execute(work));

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

    private void EndEvent()
    {
        // Most events defer nothing and the node has no aspects: skip the guarded loop.
        if (_deferred.Count == 0 && _endOfEventHooks.Count == 0) return;
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
    }
}
