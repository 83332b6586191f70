using Mace.Runtime;
using Mace.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace MaceService1;

/// <summary>
/// Membership on a real node: joins the group through the first bootstrap peer and logs
/// "Joined CONTACT members=N". Run it with the host project, or with
/// <c>mace run Membership --assembly MaceService1/bin/Debug/net10.0/MaceService1.dll</c>.
/// </summary>
public sealed partial class MembershipApplication : NodeApplication
{
    public override string Name => "Membership";

    public override string Description => "joins the group through a bootstrap peer and logs when it is welcomed";

    public override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RetryAfterMs"] = "milliseconds between join attempts (int, default 1000)",
    };

    public override Action<NodeAddress> Build(NodeApplicationContext context)
    {
        var retry = context.GetInt32("RetryAfterMs", 1000);
        if (retry <= 0) throw new ArgumentException($"parameter RetryAfterMs must be positive, not {retry}");
        var membership = new Membership(context.Node, TimeSpan.FromMilliseconds(retry));
        membership.RegisterGroupEvents(0, new JoinedLogger(context.Loggers.CreateLogger("MaceService1.Membership")));
        return membership.Join;
    }

    private sealed partial class JoinedLogger(ILogger logger) : IGroupEvents
    {
        public void Joined(NodeAddress contact, int members) => LogJoined(logger, contact, members);

        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Joined {Contact} members={Members}")]
        private static partial void LogJoined(ILogger logger, NodeAddress contact, int members);
    }
}
