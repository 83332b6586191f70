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

    /// <inheritdoc/>
    public IEnumerable<CheckTest> GetTests() => [TwoLeaders];
}
