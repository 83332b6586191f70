namespace Mace.Runtime;

/// <summary>
/// A happened-before edge between nodes: the event <see cref="Event"/> (a <see cref="Node.EventId"/>)
/// of <see cref="Node"/> sent the message whose delivery is the current event. Default: none.
/// </summary>
public readonly record struct CausalLink(NodeAddress Node, long Event)
{
    /// <summary>True when there is no link (a timer, an application call, or an unstamped message).</summary>
    public bool IsNone => Event == 0;

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "none" : $"{Node}#{Event}";
}
