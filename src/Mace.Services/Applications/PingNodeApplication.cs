using Mace.Runtime;
using Mace.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Services.Applications;

/// <summary>Ping on a real node: pings every bootstrap peer each second and logs replies and silent peers.</summary>
public sealed partial class PingNodeApplication : NodeApplication
{
    public override string Name => "Ping";

    public override string Description => "pings every bootstrap peer each second and reports replies and silent peers";

    public override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MaxPeers"] = "the most peers monitored (int, default 64)",
    };

    public override Action<NodeAddress> Build(NodeApplicationContext context)
    {
        var ping = new Ping(context.Node, context.GetInt32("MaxPeers", 64));
        ping.RegisterPingStatus(0, new StatusLogger(context.Loggers.CreateLogger("Mace.Run.Ping")));
        return ping.Monitor;
    }

    // Upcalls from Ping, as readable log lines (the two-terminal demo and the process tests read them).
    private sealed partial class StatusLogger(ILogger logger) : IPingStatus
    {
        public void PeerResponded(NodeAddress peer, TimeSpan rtt) => LogResponded(logger, peer, rtt.TotalMilliseconds);

        public void PeerFailed(NodeAddress peer) => LogFailed(logger, peer);

        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "PeerResponded {Peer} rtt={RttMs:F3} ms")]
        private static partial void LogResponded(ILogger logger, NodeAddress peer, double rttMs);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "PeerFailed {Peer}")]
        private static partial void LogFailed(ILogger logger, NodeAddress peer);
    }
}
