using Mace.Checking;
using Mace.Runtime;

[assembly: CheckTestProvider(typeof(MaceService1.Scenarios.MembershipCheckTests))]

namespace MaceService1.Scenarios;

/// <summary>
/// Model-checker tests: three nodes, nodes 1 and 2 join through node 0. The checker explores every
/// order of deliveries and timer firings and checks the service's safety property in every state
/// and its liveness property at the end of long random walks.
/// </summary>
public sealed class MembershipCheckTests : ICheckTestProvider
{
    /// <summary>Two joiners, one contact; retries race the welcomes.</summary>
    public static CheckTest<Membership> Join { get; } =
        new("Membership", 3, (node, _) => new Membership(node), Membership.Properties)
        {
            Description = "nodes 1 and 2 join through node 0 with retries",
            Driver = d =>
            {
                if (d.Index > 0) d.Post("Join(0)", s => s.Join(NodeAddress.Simulated(0)));
            },
            Defaults = new CheckOptions { Depth = 10, Walks = 100, MaxSteps = 100, Seed = 1 },
        };

    /// <inheritdoc/>
    public IEnumerable<CheckTest> GetTests() => [Join];
}
