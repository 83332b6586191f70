using Mace.Runtime;
using Mace.Runtime.Serialization;

namespace Mace.Checking.Execution;

/// <summary>A message between two nodes: its serialized bytes, its hash for the state hash, and (when tracing) the message object.</summary>
internal struct InFlightMessage
{
    public int Source;
    public int Destination;
    public int TransportIndex;
    public int RegistrationId;
    public ReadOnlyMemory<byte> Bytes;
    public ulong Hash;
    public IMessage? Message;

    /// <summary>The step whose event sent the message (0 for node start), kept only when tracing; not part of the state.</summary>
    public int SentAtStep;

    public readonly string Describe() => Message?.ToString() ?? $"{Bytes.Length} bytes";

    public readonly NodeAddress SourceAddress => NodeAddress.Simulated(Source);
}
