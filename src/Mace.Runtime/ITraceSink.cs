using Mace.Runtime.Tracing;

namespace Mace.Runtime;

/// <summary>Receives trace records from a node's services. Called on the node's lane; must be cheap (queue, don't write).</summary>
public interface ITraceSink
{
    /// <summary>Takes one record.</summary>
    void Record(in TraceRecord record);
}
