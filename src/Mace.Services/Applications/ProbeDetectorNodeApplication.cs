using Mace.Runtime;
using Mace.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Services.Applications;

/// <summary>ProbeDetector on a real node: watches every bootstrap peer over UDP and logs the ones that fall silent and recover.</summary>
public sealed partial class ProbeDetectorNodeApplication : NodeApplication
{
    public override string Name => "ProbeDetector";

    public override string Description => "watches every bootstrap peer over UDP with a detect block and reports the ones that fall silent (and recover)";

    public override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ProbePeriodMs"] = "milliseconds between probes (int, default 500)",
        ["TimeoutMs"] = "milliseconds of silence before a peer is suspected (int, default 5000)",
    };

    public override Action<NodeAddress> Build(NodeApplicationContext context)
    {
        var period = context.GetInt32("ProbePeriodMs", 500);
        var timeout = context.GetInt32("TimeoutMs", 5000);
        if (period <= 0 || timeout <= 0) throw new ArgumentException("parameters ProbePeriodMs and TimeoutMs must be positive");
        var detector = ProbeDetector.Create(context.Node, TimeSpan.FromMilliseconds(period), TimeSpan.FromMilliseconds(timeout));
        detector.RegisterFailureEvents(0, new FailureEventsLogger(context.Loggers.CreateLogger("Mace.Run.ProbeDetector")));
        return detector.Watch;
    }

    // Upcalls from the detector, as readable log lines (the process tests read them).
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
