namespace Mace.Runtime;

/// <summary>What a <see cref="NodeAddress"/> names; the byte value is part of the wire format.</summary>
public enum NodeAddressKind : byte
{
    /// <summary>No address.</summary>
    None = 0,

    /// <summary>An IPv4 endpoint.</summary>
    IPv4 = 1,

    /// <summary>A node of the simulator or the model checker.</summary>
    Simulated = 2,
}
