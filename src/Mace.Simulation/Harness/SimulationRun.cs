using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mace.Simulation.Harness;

/// <summary>
/// One run of a scenario: the engine, the network, the nodes and their incarnations, faults
/// (crash, restart, partition, heal, Poisson churn) and metrics. Drive it with
/// <see cref="Initialize"/>, then <see cref="RunUntil"/> in slices (for progress) or <see cref="Run"/>.
/// </summary>
/// <remarks>
/// Determinism rule: every choice here draws from streams derived from <see cref="SimulationOptions.Seed"/>
/// in event order; live hosts are kept in a list whose order depends only on past events.
/// </remarks>
public sealed partial class SimulationRun
{
    private readonly List<SimHost> _live = [];
    private readonly List<int> _livePosition = [];
    private readonly SimRandom _startRandom;
    private readonly SimRandom _churnRandom;
    private readonly ILogger _logger;

    /// <summary>A run of <paramref name="scenario"/>; <paramref name="latency"/> overrides <see cref="SimulationOptions.Topology"/>.</summary>
    public SimulationRun(Scenario scenario, SimulationOptions options, ILatencyModel? latency = null, ILogger? logger = null)
    {
        options.Validate();
        Scenario = scenario;
        Options = options;
        Simulator = new Simulator();
        latency ??= TopologyFactory.Create(options.Topology, options.TransitStub, options.Seed);
        Network = new SimNetwork(Simulator, latency, options.Network, options.Seed);
        _startRandom = new SimRandom(SimRandom.Derive(options.Seed, 5));
        _churnRandom = new SimRandom(SimRandom.Derive(options.Seed, 6));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The options.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The engine.</summary>
    public Simulator Simulator { get; }

    /// <summary>The network.</summary>
    public SimNetwork Network { get; }

    /// <summary>The run's metrics.</summary>
    public Metrics Metrics { get; } = new();

    /// <summary>The current virtual time in ticks.</summary>
    public long Now => Simulator.Now;

    /// <summary>The current virtual second (for per-second counters).</summary>
    public long Second => Simulator.Now / SimTime.TicksPerSecond;

    /// <summary>The virtual time at which the run ends, in ticks.</summary>
    public long EndTime => Options.Duration.Ticks;

    /// <summary>True once the clock has reached <see cref="EndTime"/>.</summary>
    public bool IsFinished => Simulator.Now >= EndTime;

    /// <summary>True once <see cref="Initialize"/> has run.</summary>
    public bool IsInitialized { get; private set; }

    /// <summary>Hosts with a live incarnation, in an order fixed by the run's events.</summary>
    public IReadOnlyList<SimHost> LiveHosts => _live;

    /// <summary>Adds the initial nodes, scripted faults and churn, then lets the scenario schedule its workload.</summary>
    public void Initialize()
    {
        if (IsInitialized) throw new InvalidOperationException("the run is already initialized");
        IsInitialized = true;
        var window = Options.StartWindow.Ticks;
        for (var i = 0; i < Options.Nodes; i++)
        {
            var delay = window == 0 ? 0 : (long)(_startRandom.NextDouble() * window);
            AddNode(delay, NodeStart.Initial, null);
        }
        foreach (var fault in Options.Faults) At(fault.At.Ticks, () => Apply(fault));
        if (Options.Churn.Rate > 0) At(Options.Churn.Start.Ticks, ScheduleNextDeath);
        Scenario.Setup(this);
    }

    /// <summary>Runs events up to <paramref name="time"/> (capped at the end of the run); returns the number run.</summary>
    public long RunUntil(long time)
    {
        if (!IsInitialized) Initialize();
        return Simulator.RunUntil(Math.Min(time, EndTime));
    }

    /// <summary>Runs to the end and returns the results.</summary>
    public SimulationResult Run()
    {
        RunUntil(EndTime);
        return Complete();
    }

    /// <summary>Lets the scenario add its totals and collects the results.</summary>
    public SimulationResult Complete()
    {
        Scenario.Finish(this);
        return new SimulationResult(this);
    }

    /// <summary>Adds a host whose first incarnation starts <paramref name="delay"/> ticks from now.</summary>
    public SimHost AddNode(long delay, NodeStart start = NodeStart.Initial, SimHost? bootstrap = null)
    {
        var host = Network.AddHost();
        _livePosition.Add(-1);
        if (delay <= 0) StartIncarnation(host, start, bootstrap);
        else At(Now + delay, () => StartIncarnation(host, start, bootstrap));
        return host;
    }

    /// <summary>Starts a new incarnation of a dead (or never started) host: a fresh environment, the scenario's stack, then <c>MaceInit</c>.</summary>
    public void StartIncarnation(SimHost host, NodeStart start, SimHost? bootstrap)
    {
        if (host.IsAlive) throw new InvalidOperationException($"{host} is already running");
        host.Incarnation++;
        var seed = SimRandom.Derive(Options.Seed, 1000 + (ulong)host.Id, (ulong)host.Incarnation);
        var environment = new SimNodeEnvironment(Network, host, host.Incarnation, seed, _logger, Options.ThrowOnEventFailure);
        var node = new Node(environment, host.Address) { TraceSink = Options.TraceSink, TraceLevelOverride = Options.TraceLevel };
        environment.Node = node;
        host.Environment = environment;
        Scenario.BuildStack(node);
        _livePosition[host.Id] = _live.Count;
        _live.Add(host);
        environment.Post(() => node.RunLifecycle(LifecyclePhase.Init));
        Scenario.OnNodeStarted(this, host, start, bootstrap);
    }

    /// <summary>Crashes <paramref name="host"/>'s incarnation; its pending messages and timers are dropped.</summary>
    public void Crash(SimHost host)
    {
        if (!host.IsAlive) return;
        host.Environment!.IsAlive = false;
        var position = _livePosition[host.Id];
        var last = _live[^1];
        _live[position] = last;
        _livePosition[last.Id] = position;
        _live.RemoveAt(_live.Count - 1);
        _livePosition[host.Id] = -1;
        Metrics.Count("node.crashes", Second);
        Scenario.OnNodeCrashed(this, host);
    }

    /// <summary>Restarts a crashed host as a new incarnation.</summary>
    public void Restart(SimHost host)
    {
        if (host.IsAlive) return;
        Metrics.Count("node.restarts", Second);
        StartIncarnation(host, NodeStart.Restart, null);
    }

    /// <summary>Runs <paramref name="action"/> as a harness event at virtual time <paramref name="time"/> (ticks; not before now).</summary>
    public void At(long time, Action action) =>
        Simulator.Schedule(Math.Max(time, Now), ActionEvent.Instance, action, 0, -1, SimEventKind.Fault);

    /// <summary>
    /// Makes an application call on <paramref name="host"/> at virtual time <paramref name="time"/>, as
    /// one event on the incarnation live then; skipped if none is.
    /// </summary>
    public void InvokeAt(long time, SimHost host, Action<Node> call) =>
        Simulator.Schedule(Math.Max(time, Now), ActionEvent.Instance, (Action)(() =>
        {
            if (host.Node is { } node) node.Execute(() => call(node));
        }), 0, host.Id, SimEventKind.Workload);

    /// <summary>A uniformly chosen live host other than <paramref name="excludeId"/>, or null.</summary>
    public SimHost? RandomLiveHost(Func<int, int> randInt, int excludeId = -1)
    {
        var count = _live.Count;
        if (count == 0 || (count == 1 && _live[0].Id == excludeId)) return null;
        while (true)
        {
            var host = _live[randInt(count)];
            if (host.Id != excludeId) return host;
        }
    }
}
