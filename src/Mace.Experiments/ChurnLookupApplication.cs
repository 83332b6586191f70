using System.Buffers.Binary;
using Mace.Runtime;
using Mace.Services;

namespace Mace.Experiments;

/// <summary>
/// The application on top of <see cref="RecursiveOverlayRoute"/> in the churn experiment: routes a
/// lookup for a key, answers lookups it owns straight to the requester, counts hops as they pass.
/// Payload: a tag byte (1 request, 2 reply), the lookup id, the owner's host id.
/// </summary>
public sealed class ChurnLookupApplication : ApplicationBase, IRouteHandler
{
    private static readonly int s_registrationId = RegistrationId.For("ChurnLookupApplication", "Route");
    private readonly BambooChurnScenario _scenario;

    /// <summary>Registers with the stack's route layer.</summary>
    public ChurnLookupApplication(Node node, OverlayStack stack, BambooChurnScenario scenario)
        : base(node)
    {
        Stack = stack;
        _scenario = scenario;
        stack.Route.RegisterRouteHandler(s_registrationId, this);
    }

    /// <summary>The node's overlay stack.</summary>
    public OverlayStack Stack { get; }

    /// <summary>Starts lookup <paramref name="id"/> for <paramref name="key"/>; false when the overlay has not joined.</summary>
    public bool Lookup(long id, Key key)
    {
        if (!Stack.Overlay.IsJoined(0)) return false;
        ((IRoute)Stack.Route).Route(s_registrationId, key, Encode(1, id, 0));
        return true;
    }

    /// <inheritdoc/>
    public void Delivered(NodeAddress src, Key dest, Payload message)
    {
        var (tag, id, owner) = Decode(message);
        if (tag == 1)
        {
            _scenario.OnOwnerReached(id, src.SimulatedId, LocalAddress.SimulatedId, dest);
            var reply = Encode(2, id, LocalAddress.SimulatedId);
            _scenario.OnLookupBytes(Payload.FromMessage(new RecursiveOverlayRoute.DirectMsg(s_registrationId, reply)).GetBytes().Length);
            ((IRoute)Stack.Route).Send(s_registrationId, src, reply);
        }
        else if (tag == 2)
        {
            _scenario.OnReply(id, LocalAddress.SimulatedId, owner);
        }
    }

    /// <inheritdoc/>
    public NodeAddress Forward(NodeAddress src, Key dest, NodeAddress nextHop, Payload message)
    {
        var (_, id, _) = Decode(message);
        _scenario.OnHop(id, src.SimulatedId);
        var envelope = new RecursiveOverlayRoute.Envelope(src, dest, 0, s_registrationId, message);
        _scenario.OnLookupBytes(Payload.FromMessage(new RecursiveOverlayRoute.RouteMsg(envelope)).GetBytes().Length);
        return nextHop;
    }

    private static Payload Encode(byte tag, long id, int owner)
    {
        var bytes = new byte[13];
        bytes[0] = tag;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), id);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(9), owner);
        return new Payload(bytes);
    }

    private static (byte Tag, long Id, int Owner) Decode(Payload message)
    {
        var span = message.GetBytes().Span;
        if (span.Length != 13) return (0, 0, 0);
        return (span[0], BinaryPrimitives.ReadInt64LittleEndian(span[1..]), BinaryPrimitives.ReadInt32LittleEndian(span[9..]));
    }
}
