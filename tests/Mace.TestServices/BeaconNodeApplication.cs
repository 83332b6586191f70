using Mace.Runtime;
using Mace.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.TestServices;

/// <summary>Beacon on a real node, as a user would write it for <c>mace run --assembly</c>: logs "PeerHeard ADDRESS".</summary>
public sealed partial class BeaconNodeApplication : NodeApplication
{
    public override string Name => "Beacon";

    public override string Description => "announces itself to every known peer and logs each peer it hears from";

    public override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PeriodMs"] = "milliseconds between announcements (int, default 200)",
    };

    public override Action<NodeAddress> Build(NodeApplicationContext context)
    {
        var period = context.GetInt32("PeriodMs", 200);
        if (period <= 0) throw new ArgumentException($"parameter PeriodMs must be positive, not {period}");
        var beacon = new Beacon(context.Node, TimeSpan.FromMilliseconds(period));
        beacon.RegisterBeaconEvents(0, new HeardLogger(context.Loggers.CreateLogger("Beacon")));
        return beacon.Know;
    }

    private sealed partial class HeardLogger(ILogger logger) : IBeaconEvents
    {
        public void PeerHeard(NodeAddress peer) => LogHeard(logger, peer);

        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "PeerHeard {Peer}")]
        private static partial void LogHeard(ILogger logger, NodeAddress peer);
    }
}
