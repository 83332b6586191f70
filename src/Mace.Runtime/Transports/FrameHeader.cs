namespace Mace.Runtime.Transports;

/// <summary>
/// The header of a transport frame (<c>docs/wire-format.md</c>, "Frames"): who sent it (the
/// sender's listening address), to whom, for which upper service, and the causal-path context.
/// </summary>
/// <param name="Source">The sending transport's listening address; replies go here.</param>
/// <param name="Destination">The address the sender meant.</param>
/// <param name="RegistrationId">The upper service the payload is for (<see cref="Mace.Runtime.RegistrationId"/>).</param>
/// <param name="Path">The trace context: the path's trace id and the parent span id.</param>
/// <param name="Flags">Frame flags: <see cref="SenderEventFollowsFlag"/> or 0; no other bit is defined.</param>
public readonly record struct FrameHeader(NodeAddress Source, NodeAddress Destination, int RegistrationId, PathContext Path, byte Flags = 0)
{
    /// <summary>
    /// Flag bit 0: the parent span id is a live span's (OpenTelemetry's, random), so the sender's
    /// event number follows the trace context as 8 more bytes (big-endian).
    /// </summary>
    public const byte SenderEventFollowsFlag = 0x01;

    /// <summary>The sender's event number when <see cref="SenderEventFollowsFlag"/> is set.</summary>
    public long SenderEventField { get; init; }

    /// <summary>The sender's event that sent the frame: the extension field, or the event number the span id slot carries.</summary>
    public long SenderEvent => (Flags & SenderEventFollowsFlag) != 0 ? SenderEventField : Path.SenderEvent;

    /// <summary>The header of a frame <paramref name="node"/> sends now: its path, span and event (<see cref="Node.OutgoingContext"/>).</summary>
    public static FrameHeader ForSend(Node node, NodeAddress source, NodeAddress destination, int registrationId) =>
        node.OutgoingSpanIsLive
            ? new FrameHeader(source, destination, registrationId, node.OutgoingContext, SenderEventFollowsFlag) { SenderEventField = node.EventId }
            : new FrameHeader(source, destination, registrationId, node.OutgoingContext);
}
