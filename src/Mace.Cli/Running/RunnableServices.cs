using System.Globalization;
using Mace.Runtime;
using Mace.Services;
using Microsoft.Extensions.Logging;

namespace Mace.Cli.Running;

/// <summary>The services <c>mace run</c> knows, by name (ordinal, case-insensitive).</summary>
internal static partial class RunnableServices
{
    public static IReadOnlyList<RunnableService> All { get; } =
    [
        new RunnableService(
            "Ping",
            "pings every bootstrap peer each second and reports replies and silent peers",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["MaxPeers"] = "the most peers monitored (int, default 64)" },
            BuildPing),
        new RunnableService(
            "ProbeDetector",
            "watches every bootstrap peer over UDP with a detect block and reports the ones that fall silent (and recover)",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ProbePeriodMs"] = "milliseconds between probes (int, default 500)",
                ["TimeoutMs"] = "milliseconds of silence before a peer is suspected (int, default 5000)",
            },
            BuildProbeDetector),
    ];

    public static string KnownNames => string.Join(", ", All.Select(s => s.Name));

    public static RunnableService? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Action<NodeAddress> BuildPing(Node node, IReadOnlyDictionary<string, string> parameters, ILoggerFactory loggers)
    {
        var maxPeers = parameters.TryGetValue("MaxPeers", out var text) ? ParseInt("MaxPeers", text) : 64;
        var ping = new Ping(node, maxPeers);
        ping.RegisterPingStatus(0, new PingStatusLogger(loggers.CreateLogger("Mace.Run.Ping")));
        return ping.Monitor;
    }

    private static Action<NodeAddress> BuildProbeDetector(Node node, IReadOnlyDictionary<string, string> parameters, ILoggerFactory loggers)
    {
        var period = parameters.TryGetValue("ProbePeriodMs", out var p) ? ParseInt("ProbePeriodMs", p) : 500;
        var timeout = parameters.TryGetValue("TimeoutMs", out var t) ? ParseInt("TimeoutMs", t) : 5000;
        if (period <= 0 || timeout <= 0) throw new ArgumentException("parameters ProbePeriodMs and TimeoutMs must be positive");
        var detector = ProbeDetector.Create(node, TimeSpan.FromMilliseconds(period), TimeSpan.FromMilliseconds(timeout));
        detector.RegisterFailureEvents(0, new FailureEventsLogger(loggers.CreateLogger("Mace.Run.ProbeDetector")));
        return detector.Watch;
    }

    private static int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"parameter {name}: '{text}' is not an integer");

    // Upcalls from Ping, as readable log lines (the two-terminal demo and the process tests read them).
    private sealed partial class PingStatusLogger(ILogger logger) : IPingStatus
    {
        public void PeerResponded(NodeAddress peer, TimeSpan rtt) => LogResponded(logger, peer, rtt.TotalMilliseconds);

        public void PeerFailed(NodeAddress peer) => LogFailed(logger, peer);

        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "PeerResponded {Peer} rtt={RttMs:F3} ms")]
        private static partial void LogResponded(ILogger logger, NodeAddress peer, double rttMs);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "PeerFailed {Peer}")]
        private static partial void LogFailed(ILogger logger, NodeAddress peer);
    }

    // Upcalls from a failure detector, as readable log lines (the process tests read them).
    private sealed partial class FailureEventsLogger(ILogger logger) : IFailureEvents
    {
        public void PeerSuspected(NodeAddress peer) => LogSuspected(logger, peer);

        public void PeerRecovered(NodeAddress peer) => LogRecovered(logger, peer);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "PeerSuspected {Peer}")]
        private static partial void LogSuspected(ILogger logger, NodeAddress peer);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "PeerRecovered {Peer}")]
        private static partial void LogRecovered(ILogger logger, NodeAddress peer);
    }
}
