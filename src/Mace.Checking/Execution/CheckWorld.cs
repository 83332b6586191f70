using Mace.Runtime;

namespace Mace.Checking.Execution;

/// <summary>
/// The nodes of one checked execution and the network between them. Every nondeterministic choice
/// (the next event, random draws, faults) is asked of <see cref="Chooser"/>, so the execution is its
/// sequence of choices. <see cref="Reset"/> rebuilds every node from the test's factory (or resets
/// it through <c>MaceReset</c>); the search re-executes choice prefixes rather than cloning service
/// state, which generated code cannot do, and steps back to a snapshot by replaying one node
/// (<c>CheckWorld.Snapshot.cs</c>).
/// </summary>
/// <remarks>Single-threaded: one world is driven by one search on one thread.</remarks>
public sealed partial class CheckWorld
{
    /// <summary>The epoch <c>Now</c> starts at.</summary>
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly CheckModel _model;
    private readonly NodeSlot[] _slots;
    private readonly MessageQueue[] _tcp;
    private readonly ulong[] _busy;
    private readonly List<InFlightMessage> _udp = [];
    private readonly List<CheckTimer> _timers = [];
    private readonly bool[] _open;
    private readonly MessageArena _arena = new();
    private EnabledEvent[] _enabled = new EnabledEvent[16];
    private int _crashes;
    private int _restarts;
    private int _losses;
    private int _errors;
    private ReuseState _reuse;
    private int _touched = -1;

    /// <summary>A world for <paramref name="test"/> under <paramref name="options"/>; call <see cref="Reset"/> before stepping.</summary>
    public CheckWorld(CheckTest test, CheckOptions options, IChooser chooser)
    {
        Test = test;
        Options = options;
        Chooser = chooser;
        _model = test.CreateModel();
        NodeCount = test.NodeCount;
        _slots = new NodeSlot[NodeCount];
        for (var i = 0; i < NodeCount; i++) _slots[i] = new NodeSlot(this, i);
        _tcp = new MessageQueue[NodeCount * NodeCount];
        for (var i = 0; i < _tcp.Length; i++) _tcp[i] = new MessageQueue();
        _busy = new ulong[(_tcp.Length + 63) / 64];
        _open = new bool[NodeCount * NodeCount];
    }

    /// <summary>The test being checked.</summary>
    public CheckTest Test { get; }

    /// <summary>The bounds and fault model.</summary>
    public CheckOptions Options { get; }

    /// <summary>Answers every choice; the search swaps it between executions.</summary>
    public IChooser Chooser { get; set; }

    /// <summary>The number of node slots.</summary>
    public int NodeCount { get; }

    /// <summary>The current (abstract) time.</summary>
    public DateTime Now { get; private set; } = Epoch;

    /// <summary>Steps taken since <see cref="Reset"/>.</summary>
    public int StepCount { get; private set; }

    /// <summary>The first event failure (an exception escaping a transition) since <see cref="Reset"/>.</summary>
    public (int Node, Exception Exception)? Failure { get; private set; }

    /// <summary>When set, messages keep their objects and steps are recorded for the trace.</summary>
    internal StepRecorder? Recorder { get; set; }

    /// <summary>The top service of <paramref name="node"/>'s current incarnation, or null while it is down.</summary>
    public ServiceBase? TopService(int node) => _slots[node].Alive ? _model.Top(node) : null;

    /// <summary>The node of slot <paramref name="node"/>'s current incarnation.</summary>
    public Node? NodeAt(int node) => _slots[node].Alive ? _slots[node].Node : null;

    /// <summary>True while slot <paramref name="node"/> is up.</summary>
    public bool IsAlive(int node) => _slots[node].Alive;

    /// <summary>Rebuilds every node (incarnation 1), runs <c>MaceInit</c> in node order, then the driver's start of each.</summary>
    public void Reset()
    {
        if (_reuse == ReuseState.Unknown) DecideReuse();
        _arena.Reset();
        foreach (var queue in _tcp) queue.Clear();
        Array.Clear(_busy);
        Array.Clear(_open);
        _udp.Clear();
        foreach (var timer in _timers) timer.Pending = false;
        _timers.Clear();
        Now = Epoch;
        StepCount = 0;
        Failure = null;
        _crashes = _restarts = _losses = _errors = 0;
        foreach (var slot in _slots)
        {
            slot.Lane.Clear();
            slot.Incarnation = 0;
            slot.Alive = false;
        }
        if (_reuse == ReuseState.On)
        {
            foreach (var slot in _slots) RestorePristine(slot);
            for (var i = 0; i < NodeCount; i++) _slots[i].Node!.RunLifecycle(LifecyclePhase.Reset);
            foreach (var slot in _slots) slot.History.Clear(Now);
        }
        else
        {
            for (var i = 0; i < NodeCount; i++) BuildNode(i);
            foreach (var slot in _slots) slot.KeepPristine(_model.Top(slot.Index)!);
        }
        for (var i = 0; i < NodeCount; i++) _slots[i].Node!.RunLifecycle(LifecyclePhase.Init);
        for (var i = 0; i < NodeCount; i++) _model.Started(this, i, _slots[i].Incarnation);
    }

    /// <summary>Lets the chooser pick one enabled event and runs it; false when none is enabled (quiescence).</summary>
    public bool Step()
    {
        _touched = -1;
        var count = CollectEnabled();
        if (count == 0) return false;
        var pick = count == 1 ? 0 : Chooser.Choose(count, ChoiceKind.Event);
        var chosen = _enabled[pick];
        Recorder?.BeginStep(this, StepCount + 1, chosen);
        Execute(chosen);
        StepCount++;
        Recorder?.EndStep(this);
        return true;
    }

    /// <summary>The number of events enabled now.</summary>
    public int EnabledCount => CollectEnabled();

    /// <summary>The name of the first safety property violated now, or null.</summary>
    public string? ViolatedSafety() => _model.ViolatedSafety();

    /// <summary>True when the test has liveness properties.</summary>
    public bool HasLiveness => _model.HasLiveness;

    /// <summary>True when every liveness property holds now.</summary>
    public bool IsLive() => _model.IsLive();

    /// <summary>The names of the liveness properties that do not hold now.</summary>
    public string FailingLiveness() => _model.FailingLiveness();

    private void StartNode(int index)
    {
        BuildNode(index);
        _slots[index].Node!.RunLifecycle(LifecyclePhase.Init);
        _model.Started(this, index, _slots[index].Incarnation);
    }

    // Every node of the initial state is built (and reachable) before any runs MaceInit.
    private void BuildNode(int index)
    {
        var slot = _slots[index];
        slot.Incarnation++;
        slot.Alive = true;
        slot.Dirty = true;
        slot.Tcp.Clear();
        slot.Udp.Clear();
        slot.History = new NodeHistory();
        var node = new Node(slot.Environment, slot.Address);
        slot.Node = node;
        if (Recorder is not null) node.TraceSink = Recorder;
        _model.Build(node, index);
        _model.SetAlive(index, true);
        slot.History.Clear(Now);
    }

    internal NodeSlot Slot(int index) => _slots[index];

    private void RestorePristine(NodeSlot slot)
    {
        slot.Incarnation = 1;
        slot.Alive = true;
        slot.Dirty = true;
        slot.RestorePristine();
        slot.Node!.TraceSink = Recorder;
        _model.Restore(slot.Index, slot.PristineTop!);
        _model.SetAlive(slot.Index, true);
    }
}
