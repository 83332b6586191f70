using Mace.Runtime;

namespace Mace.Services;

/// <summary>
/// One node's overlay stack: a TCP transport, an overlay (Bamboo, Pastry or Chord), recursive key
/// routing over it and, optionally, the DHT. All layers share the one transport instance.
/// </summary>
public sealed class OverlayStack
{
    private OverlayStack(IOverlayRouter overlay, RecursiveOverlayRoute route, Dht? dht)
    {
        Overlay = overlay;
        Route = route;
        Dht = dht;
    }

    /// <summary>The overlay.</summary>
    public IOverlayRouter Overlay { get; }

    /// <summary>Recursive routing over <see cref="Overlay"/>.</summary>
    public RecursiveOverlayRoute Route { get; }

    /// <summary>The DHT, when built with one.</summary>
    public Dht? Dht { get; }

    /// <summary>Builds the stack on <paramref name="node"/>; <paramref name="transport"/> defaults to the environment's TCP transport.</summary>
    public static OverlayStack Build(Node node, OverlayKind kind, bool withDht, ITransport? transport = null, int replicas = 3)
    {
        transport ??= TcpTransport.Create(node);
        IOverlayRouter overlay = kind switch
        {
            OverlayKind.Pastry => Pastry.Create(node, transport),
            OverlayKind.Chord => Chord.Create(node, transport),
            _ => Bamboo.Create(node, transport),
        };
        var route = RecursiveOverlayRoute.Create(node, overlay, transport);
        var dht = withDht ? Dht.Create(node, replicas, route, overlay) : null;
        return new OverlayStack(overlay, route, dht);
    }

    /// <summary>Finds the stack parts on a node built by <see cref="Build"/>.</summary>
    public static OverlayStack? Find(Node node) =>
        node.Find<RecursiveOverlayRoute>() is { } route && node.Find<IOverlayRouter>() is { } overlay
            ? new OverlayStack(overlay, route, node.Find<Dht>())
            : null;
}
