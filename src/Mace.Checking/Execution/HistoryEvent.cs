namespace Mace.Checking.Execution;

/// <summary>
/// One event that ran a node's services, as its history keeps it for a local replay: the lane item,
/// the delivered message, or the sequence number of the fired timer, and the time it ran at.
/// </summary>
internal struct HistoryEvent
{
    public EventKind Kind;
    public LaneItem Item;
    public InFlightMessage Message;
    public int TimerSeq;
    public DateTime Now;
}
