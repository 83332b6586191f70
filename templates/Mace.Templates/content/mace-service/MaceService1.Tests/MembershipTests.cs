using Mace.Checking;
using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Simulation.Harness;
using MaceService1.Scenarios;

namespace MaceService1.Tests;

/// <summary>The same Membership service under the model checker, in the simulator, and on real TCP sockets.</summary>
public sealed class MembershipTests
{
    [Fact]
    public void ModelChecker_FindsNoViolation()
    {
        var test = MembershipCheckTests.Join;
        var result = ModelChecker.Check(test, test.Defaults);
        Assert.Null(result.Violation);
        Assert.True(result.Stats.Unique > 1, $"only {result.Stats.Unique} states explored");
    }

    [Fact]
    public void Simulator_EveryNodeBecomesAMember_AndTheRunIsDeterministic()
    {
        var options = new SimulationOptions { Nodes = 50, Seed = 1, Duration = TimeSpan.FromSeconds(30) };
        var first = new SimulationRun(new MembershipScenario(), options).Run();
        var again = new SimulationRun(new MembershipScenario(), options).Run();
        Assert.Equal(50, first.Metrics.Counter(MembershipScenario.MembersAtEnd));
        Assert.Equal(49, first.Metrics.Counter(MembershipScenario.JoinedCounter));
        Assert.Equal(first.Digest, again.Digest);
    }

    [Fact]
    public async Task RealTcp_ASecondNodeJoinsTheFirst()
    {
        using var firstEnvironment = new RealNodeEnvironment();
        using var secondEnvironment = new RealNodeEnvironment();
        var first = new Node(firstEnvironment);
        var second = new Node(secondEnvironment);
        await first.InvokeAsync(() => new Membership(first));
        var joined = new TaskCompletionSource<(NodeAddress Contact, int Members)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var joiner = await second.InvokeAsync(() =>
        {
            var membership = new Membership(second);
            membership.RegisterGroupEvents(0, new Reporter(joined));
            return membership;
        });
        await first.StartAsync();
        await second.StartAsync();

        await second.InvokeAsync(() => joiner.Join(first.Address));
        var (contact, members) = await joined.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(first.Address, contact);
        Assert.Equal(2, members);
        await second.StopAsync();
        await first.StopAsync();
    }

    private sealed class Reporter(TaskCompletionSource<(NodeAddress, int)> joined) : IGroupEvents
    {
        public void Joined(NodeAddress contact, int members) => joined.TrySetResult((contact, members));
    }
}
