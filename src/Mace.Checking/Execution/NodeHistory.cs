namespace Mace.Checking.Execution;

/// <summary>
/// What a node incarnation has run since its <c>MaceInit</c>: the events that reached its services
/// and the choices they drew, plus how many lane items and timers its own code created. Nodes share
/// nothing, so re-running this on the reset node rebuilds its services' state exactly (a local
/// replay) while the rest of the world stays as it is. Buffers grow and are reused.
/// </summary>
internal sealed class NodeHistory
{
    private HistoryEvent[] _events = new HistoryEvent[8];
    private int[] _choices = new int[8];

    /// <summary>The time the incarnation's <c>MaceInit</c> ran at.</summary>
    public DateTime StartNow { get; private set; }

    public int EventCount { get; private set; }

    public int ChoiceCount { get; private set; }

    /// <summary>Lane items the node's own code queued (driver start and posts) this incarnation.</summary>
    public int Posts { get; set; }

    /// <summary>Timers the node's own code set this incarnation.</summary>
    public int Timers { get; set; }

    public ref readonly HistoryEvent Event(int index) => ref _events[index];

    public int Choice(int index) => _choices[index];

    /// <summary>Starts a new incarnation's history at <paramref name="now"/>.</summary>
    public void Clear(DateTime now)
    {
        StartNow = now;
        Array.Clear(_events, 0, EventCount);
        EventCount = 0;
        ChoiceCount = 0;
        Posts = 0;
        Timers = 0;
    }

    public ref HistoryEvent AddEvent()
    {
        if (EventCount == _events.Length) Array.Resize(ref _events, EventCount * 2);
        return ref _events[EventCount++];
    }

    public void AddChoice(int value)
    {
        if (ChoiceCount == _choices.Length) Array.Resize(ref _choices, ChoiceCount * 2);
        _choices[ChoiceCount++] = value;
    }

    /// <summary>Forgets everything recorded after the given counts (a restored snapshot's).</summary>
    public void Truncate(int events, int choices, int posts, int timers)
    {
        if (events < EventCount) Array.Clear(_events, events, EventCount - events);
        EventCount = events;
        ChoiceCount = choices;
        Posts = posts;
        Timers = timers;
    }
}
