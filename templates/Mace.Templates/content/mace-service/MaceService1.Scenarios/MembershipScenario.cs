using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace MaceService1.Scenarios;

/// <summary>
/// Every node joins the group through node 0 once all have started; nodes that join later (churn)
/// join through their bootstrap node. Metrics: joins per second, the join time distribution (ms),
/// and at the end the number of live members.
/// </summary>
public sealed class MembershipScenario : Scenario
{
    public const string JoinedCounter = "membership.joined";
    public const string JoinTime = "membership.join-time";
    public const string MembersAtEnd = "membership.members";

    private readonly Dictionary<Node, long> _joinStarted = [];
    private SimulationRun? _run;

    public override string Name => "membership";

    public override string Description => "every node joins through node 0 (or its bootstrap node); joins, join time, members at the end";

    public override IReadOnlyList<string> TimelineCounters => [JoinedCounter];

    public override void BuildStack(Node node)
    {
        var membership = new Membership(node);
        membership.RegisterGroupEvents(0, new JoinRecorder(this, node));
    }

    public override void Setup(SimulationRun run) => _run = run;

    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        _run = run;
        var contact = start == NodeStart.Initial ? (host.Id == 0 ? null : run.Network.Hosts[0]) : bootstrap;
        if (contact is null) return;
        run.InvokeAt(Math.Max(run.Now, run.Options.StartWindow.Ticks), host, node =>
        {
            _joinStarted[node] = run.Now;
            node.Find<Membership>()!.Join(contact.Address);
        });
    }

    public override void OnNodeCrashed(SimulationRun run, SimHost host)
    {
        if (host.Node is { } node) _joinStarted.Remove(node);
    }

    public override void Finish(SimulationRun run) =>
        run.Metrics.Set(MembersAtEnd, run.LiveHosts.Count(h => h.Node?.Find<Membership>() is { state: Membership.States.Member }));

    private sealed class JoinRecorder(MembershipScenario scenario, Node node) : IGroupEvents
    {
        public void Joined(NodeAddress contact, int members)
        {
            var run = scenario._run!;
            run.Metrics.Count(JoinedCounter, run.Second);
            if (scenario._joinStarted.Remove(node, out var started)) run.Metrics.Distribution(JoinTime).Add(SimTime.ToMilliseconds(run.Now - started));
        }
    }
}
