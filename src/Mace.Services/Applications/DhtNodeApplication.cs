using Mace.Runtime;
using Mace.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Services.Applications;

/// <summary>
/// The replicated DHT over an overlay (Bamboo by default) on a real node. The node joins the overlay
/// with every bootstrap peer at once (alone when there are none). With <c>Client=HOST:PORT</c> it also
/// serves the line protocol of <see cref="DhtClientPort"/>, so a shell (<c>nc</c>) or a test can put and get.
/// </summary>
public sealed partial class DhtNodeApplication : NodeApplication
{
    public override string Name => "Dht";

    public override string Description => "the replicated DHT over Bamboo (or Pastry, Chord); joins the overlay through the bootstrap peers; Client=HOST:PORT serves put/get/status lines";

    public override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Overlay"] = "Bamboo, Pastry or Chord (default Bamboo)",
        ["Replicas"] = "copies of each record (int, default 3)",
        ["Client"] = "HOST:PORT to serve the text client protocol on (default: none)",
        ["ClientTimeoutMs"] = "milliseconds a client put or get waits for the DHT (int, default 10000)",
    };

    public override Action<NodeAddress> Build(NodeApplicationContext context)
    {
        var overlayText = context.GetString("Overlay", nameof(OverlayKind.Bamboo));
        if (!Enum.TryParse<OverlayKind>(overlayText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"parameter Overlay: '{overlayText}' is not Bamboo, Pastry or Chord");
        }
        var replicas = context.GetInt32("Replicas", 3);
        if (replicas < 1) throw new ArgumentException($"parameter Replicas: {replicas} is not at least 1");
        var timeout = context.GetInt32("ClientTimeoutMs", 10_000);
        if (timeout < 1) throw new ArgumentException($"parameter ClientTimeoutMs: {timeout} is not positive");

        var stack = OverlayStack.Build(context.Node, kind, withDht: true, replicas: replicas);
        var logger = context.Loggers.CreateLogger("Mace.Run.Dht");
        var events = new OverlayLogger(logger);
        stack.Overlay.RegisterOverlayJoin(0, events);
        stack.Overlay.RegisterOverlayStructure(0, events);
        if (context.Parameters.TryGetValue("Client", out var clientText))
        {
            if (!NodeAddress.TryParse(clientText, out var client) || client.Kind != NodeAddressKind.IPv4)
            {
                throw new ArgumentException($"parameter Client: '{clientText}' is not HOST:PORT (like 127.0.0.1:7000)");
            }
            _ = new DhtClientPort(context.Node, stack, client.ToEndPoint(), TimeSpan.FromMilliseconds(timeout), logger);
        }
        return peer => stack.Overlay.JoinOverlay(0, [peer]);
    }

    /// <summary>Joins the overlay with the whole bootstrap list in one call, or alone when it is empty.</summary>
    public override void ContactPeers(Node node, Action<NodeAddress> contact, IReadOnlyList<NodeAddress> peers)
    {
        var stack = OverlayStack.Find(node) ?? throw new InvalidOperationException("the DHT stack is not built on this node");
        stack.Overlay.JoinOverlay(0, [.. peers]);
    }

    // The overlay's upcalls as log lines (the multi-host tests read NodeFailed).
    private sealed partial class OverlayLogger(ILogger logger) : IOverlayJoin, IOverlayStructure
    {
        public void JoinResult(bool joined) => LogJoined(logger, joined);

        public void IdSpaceChanged(KeyRange range)
        {
        }

        public void NodeFailed(NodeAddress node) => LogFailed(logger, node);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "JoinResult {Joined}")]
        private static partial void LogJoined(ILogger logger, bool joined);

        [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "NodeFailed {Peer}")]
        private static partial void LogFailed(ILogger logger, NodeAddress peer);
    }
}
