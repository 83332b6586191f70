using System.Collections.Immutable;

namespace Mace.Compiler;

/// <summary>
/// Serviceclasses every <c>.mace</c> file sees without a reference: the runtime's <c>Transport</c>
/// (hand-written in <c>Mace.Runtime</c>, declared here exactly as its <c>MaceServiceClass</c>
/// attribute carries it). A local or referenced declaration of the same name wins.
/// </summary>
public static class WellKnownDeclarations
{
    /// <summary>The <c>Transport</c> serviceclass of <c>Mace.Runtime</c>.</summary>
    public const string Transport =
        "namespace Mace.Runtime; " +
        "serviceclass Transport { " +
        "downcalls { bool Route(NodeAddress dest, Payload message); } " +
        "upcalls(handler ReceiveData) { void Deliver(NodeAddress src, NodeAddress dest, Payload message); } " +
        "upcalls(handler NetworkError) { void Error(NodeAddress peer, TransportError error) { } } }";

    /// <summary>Every well-known declaration.</summary>
    public static ImmutableArray<string> All { get; } = [Transport];
}
