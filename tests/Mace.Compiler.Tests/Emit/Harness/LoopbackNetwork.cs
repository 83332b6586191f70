using Mace.Runtime;

namespace Mace.Compiler.Tests.Emit.Harness;

/// <summary>Delivers payloads between nodes of one <see cref="ManualScheduler"/> after a fixed latency; a silenced node receives and sends nothing.</summary>
internal sealed class LoopbackNetwork(ManualScheduler scheduler)
{
    private readonly Dictionary<NodeAddress, LoopbackTransport> _transports = [];
    private readonly HashSet<NodeAddress> _silenced = [];

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(10);

    public LoopbackTransport Attach(Node node)
    {
        var transport = new LoopbackTransport(node, this);
        _transports[node.Address] = transport;
        return transport;
    }

    public void Silence(NodeAddress address) => _silenced.Add(address);

    public bool Send(NodeAddress src, NodeAddress dest, int registrationId, Payload message)
    {
        if (_silenced.Contains(src) || _silenced.Contains(dest) || !_transports.TryGetValue(dest, out var target)) return true;
        var bytes = message.GetBytes().ToArray();
        scheduler.Enqueue(Latency, () => target.Node.Execute(() => target.Receive(src, registrationId, new Payload(bytes))));
        return true;
    }
}
