using Mace.Checking;
using Mace.CheckingServices;

[assembly: CheckTestProvider(typeof(Mace.Checking.Tests.OutsideCheckTests))]

namespace Mace.Checking.Tests;

/// <summary>
/// A checker test declared the way a user's own test assembly declares one, so the command-line
/// tests can run <c>mace check --assembly</c> on this assembly as on any outside one.
/// </summary>
public sealed class OutsideCheckTests : ICheckTestProvider
{
    /// <summary>The seeded double vote of the sample election, under a name only this assembly knows.</summary>
    public static CheckTest<Election> TwoLeaders { get; } =
        new("Outside.TwoLeaders", 3, (node, _) => new Election(node, Size: 3, VoteTwice: true), Election.Properties)
        {
            Description = "declared outside the CLI: voters grant every request (two leaders)",
            Driver = d =>
            {
                if (d.Index < 2) d.Post("Campaign()", s => s.Campaign());
            },
            Defaults = new CheckOptions { Depth = 12, Walks = 100, MaxSteps = 100, Seed = 7 },
        };

    /// <summary>A user's mistake: the factory throws while building a node (outside any transition).</summary>
    public static CheckTest<Election> BrokenFactory { get; } =
        new("Outside.BrokenFactory", 2, (node, index) => index == 1 ? throw new InvalidOperationException("no configuration for node 1") : new Election(node, Size: 2), Election.Properties)
        {
            Description = "declared outside the CLI: its factory throws for node 1",
        };

    /// <inheritdoc/>
    public IEnumerable<CheckTest> GetTests() => [TwoLeaders, BrokenFactory];
}
