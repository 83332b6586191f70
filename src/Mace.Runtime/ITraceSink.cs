using Mace.Runtime.Tracing;

namespace Mace.Runtime;

/// <summary>Receives trace records from a node's services. Called on the node's lane; must be cheap (queue, don't write).</summary>
public interface ITraceSink
{
    /// <summary>Takes one record.</summary>
    void Record(in TraceRecord record);

    /// <summary>
    /// The outermost event <paramref name="eventId"/> of <paramref name="node"/> ended at
    /// <paramref name="time"/> (its deferred work and aspects included). Called after every event
    /// of a node with a sink, whether or not it wrote records; a sink keeps it only for events it
    /// recorded. The default ignores it.
    /// </summary>
    void EndEvent(NodeAddress node, long eventId, DateTime time) { }
}
