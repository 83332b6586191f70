using Mace.Runtime;

namespace Mace.Checking.Execution;

/// <summary>One node slot as a <see cref="WorldSnapshot"/> keeps it (buffers reused between snapshots).</summary>
internal sealed class SlotSnapshot
{
    public Node? Node;
    public ServiceBase? Top;
    public bool Alive;
    public int Incarnation;
    public NodeHistory History = null!;
    public int Events;
    public int Choices;
    public int Posts;
    public int Timers;
    public ulong StateHash;
    public LaneItem[] Lane = new LaneItem[4];
    public int LaneCount;
    public CheckTransport[] Tcp = [];
    public CheckTransport[] Udp = [];
}
