namespace Mace.Simulation.Engine;

/// <summary>
/// One pending event: a plain struct stored inline in the queue's array, so scheduling allocates
/// nothing beyond what the handler and state already are. Ordered by (<see cref="Time"/>,
/// <see cref="Sequence"/>); sequence numbers are unique, so the order is total and deterministic.
/// </summary>
internal struct SimEvent
{
    public long Time;
    public long Sequence;
    public ISimEventHandler Handler;
    public object? State;
    public long Argument;
    public int Node;
    public SimEventKind Kind;

    public readonly bool Precedes(in SimEvent other) =>
        Time < other.Time || (Time == other.Time && Sequence < other.Sequence);
}
