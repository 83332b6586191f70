using Mace.Runtime;

namespace Mace.Checking.Execution;

/// <summary>One node position of the world: its current incarnation, lane, transports and cached state hash.</summary>
internal sealed class NodeSlot
{
    public NodeSlot(CheckWorld world, int index)
    {
        Index = index;
        Address = NodeAddress.Simulated(index);
        Environment = new CheckNodeEnvironment(world, index);
    }

    public int Index { get; }

    public NodeAddress Address { get; }

    public CheckNodeEnvironment Environment { get; }

    public Node? Node { get; set; }

    public bool Alive { get; set; }

    public int Incarnation { get; set; }

    public Queue<LaneItem> Lane { get; } = new();

    /// <summary>What the current incarnation has run (for a local replay); a new one per built incarnation.</summary>
    public NodeHistory History { get; set; } = new();

    public List<CheckTransport> Tcp { get; } = [];

    public List<CheckTransport> Udp { get; } = [];

    /// <summary>The first incarnation's node, kept so a reset can reuse it through <c>MaceReset</c>.</summary>
    public Node? PristineNode { get; private set; }

    /// <summary>The first incarnation's top service.</summary>
    public ServiceBase? PristineTop { get; private set; }

    private CheckTransport[] _pristineTcp = [];
    private CheckTransport[] _pristineUdp = [];

    public void KeepPristine(ServiceBase top)
    {
        PristineNode = Node;
        PristineTop = top;
        _pristineTcp = [.. Tcp];
        _pristineUdp = [.. Udp];
    }

    public void RestorePristine()
    {
        Node = PristineNode;
        Tcp.Clear();
        Tcp.AddRange(_pristineTcp);
        Udp.Clear();
        Udp.AddRange(_pristineUdp);
    }

    private Node? _hashedNode;
    private ServiceBase[] _hashedServices = [];

    /// <summary>The timer readers of each of <see cref="HashedServices"/>.</summary>
    public Func<object, int>[][] TimerReaders { get; private set; } = [];

    /// <summary>The current node's services that have state, cached per node object.</summary>
    public ServiceBase[] HashedServices()
    {
        if (!ReferenceEquals(_hashedNode, Node))
        {
            _hashedNode = Node;
            _hashedServices = [.. Node!.Services.OfType<ServiceBase>()];
            TimerReaders = [.. _hashedServices.Select(TimerStateReader.For)];
        }
        return _hashedServices;
    }

    /// <summary>The hash of every service's state; valid unless <see cref="Dirty"/>.</summary>
    public ulong StateHash { get; set; }

    /// <summary>Set when an event ran on the node since <see cref="StateHash"/> was computed.</summary>
    public bool Dirty { get; set; } = true;
}
