namespace Mace.Checking.Execution;

/// <summary>
/// The world-level state of a <see cref="CheckWorld"/> at one moment: network, timers, lanes, fault
/// budgets, time, and per slot its incarnation, node object and history length. Service state is not
/// in it: a node whose services ran after the snapshot is rebuilt by a local replay of its history.
/// Taken once per expanded state; its buffers grow and are reused.
/// </summary>
internal sealed class WorldSnapshot
{
    public WorldSnapshot(int nodes)
    {
        Slots = new SlotSnapshot[nodes];
        for (var i = 0; i < nodes; i++) Slots[i] = new SlotSnapshot();
        Busy = new ulong[((nodes * nodes) + 63) / 64];
        Open = new bool[nodes * nodes];
    }

    public SlotSnapshot[] Slots { get; }

    public ulong[] Busy { get; }

    public bool[] Open { get; }

    public InFlightMessage[] Tcp = new InFlightMessage[16];
    public int TcpCount;
    public int[] TcpConnections = new int[8];
    public int[] TcpLengths = new int[8];
    public int TcpQueues;
    public InFlightMessage[] Udp = new InFlightMessage[8];
    public int UdpCount;
    public CheckTimer[] Timers = new CheckTimer[8];
    public int TimerCount;
    public DateTime Now;
    public int StepCount;
    public (int Node, Exception Exception)? Failure;
    public int Crashes;
    public int Restarts;
    public int Losses;
    public int Errors;
    public MessageArena.Mark Arena;
}
