namespace Mace.Runtime;

/// <summary>
/// Marks a lower-layer handler that keeps nothing of a <see cref="Payload"/> it is handed once the
/// call returns: it decodes the payload into values of its own (every <c>MaceReader</c> read
/// copies) and passes no raw payload on. A transport may then reuse the payload's bytes, as the TCP
/// transport reuses its receive buffers.
/// </summary>
/// <remarks>
/// The compiler adds it to a generated handler when no upcall it receives hands the raw payload to a
/// transition or a failure detector: every transition on the upcall names a message type. A
/// hand-written handler implements it only if it can keep that promise; without it the transport
/// assumes the payload is kept and gives every batch of frames bytes of its own.
/// </remarks>
public interface ICopiesReceivedPayloads
{
}
