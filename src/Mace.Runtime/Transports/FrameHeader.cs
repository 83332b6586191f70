namespace Mace.Runtime.Transports;

/// <summary>
/// The header of a transport frame (<c>docs/wire-format.md</c>, "Frames"): who sent it (the
/// sender's listening address), to whom, for which upper service, and the causal-path context.
/// </summary>
/// <param name="Source">The sending transport's listening address; replies go here.</param>
/// <param name="Destination">The address the sender meant.</param>
/// <param name="RegistrationId">The upper service the payload is for (<see cref="Mace.Runtime.RegistrationId"/>).</param>
/// <param name="Path">The causal-path slot.</param>
/// <param name="Flags">Frame flags; none are defined in version 1, so this is 0.</param>
public readonly record struct FrameHeader(NodeAddress Source, NodeAddress Destination, int RegistrationId, PathContext Path, byte Flags = 0);
