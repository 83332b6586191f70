using Mace.Runtime;
using Mace.Simulation.Engine;

namespace Mace.Simulation.Tests;

/// <summary>A test service on a transport: sends raw bytes, records deliveries and errors with their virtual times.</summary>
internal sealed class Probe : ServiceBase, IReceiveData, INetworkError
{
    public static readonly int Rid = RegistrationId.For("Probe", "Net");

    public Probe(Node node, ITransport net)
        : base(node)
    {
        Net = net;
        net.RegisterReceiveData(Rid, this);
        net.RegisterNetworkError(Rid, this);
    }

    public ITransport Net { get; }

    public List<(long Time, NodeAddress Source, byte[] Bytes)> Received { get; } = [];

    public List<(long Time, NodeAddress Peer, TransportError Error)> Errors { get; } = [];

    public int Inits { get; private set; }

    /// <summary>When set, every delivery throws this.</summary>
    public Exception? ThrowOnDeliver { get; set; }

    public override string ServiceName => "Probe";

    public long NowTicks => (Now - SimTime.Epoch).Ticks;

    public override void MaceInit() => RunLifecycle(() => Inits++);

    public override void MaceExit() => RunLifecycle(static () => { });

    public override void MaceReset() => RunLifecycle(static () => { });

    public bool Send(NodeAddress dest, byte[] bytes) => Net.Route(Rid, dest, new Payload(bytes));

    public void Deliver(NodeAddress src, NodeAddress dest, Payload message)
    {
        if (ThrowOnDeliver is { } ex) throw ex;
        Received.Add((NowTicks, src, message.GetBytes().ToArray()));
    }

    public void Error(NodeAddress peer, TransportError error) => Errors.Add((NowTicks, peer, error));
}
