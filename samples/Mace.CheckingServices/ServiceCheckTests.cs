using Mace.Checking;
using Mace.Runtime;
using Mace.Services;

[assembly: CheckTestProvider(typeof(Mace.CheckingServices.ServiceCheckTests))]

namespace Mace.CheckingServices;

/// <summary>
/// Checker tests over the shipped services of <c>Mace.Services</c> (the paper's systems), each
/// fixed service beside a variant with a seeded bug the checker must find.
/// </summary>
public sealed class ServiceCheckTests : ICheckTestProvider
{
    /// <summary>Vivaldi on three nodes that all probe each other: coordinates stay finite, heights at or above the floor.</summary>
    public static CheckTest<Vivaldi> Vivaldi { get; } = VivaldiTest("Vivaldi", unclampedHeight: false);

    /// <summary>Vivaldi whose height may be pushed below its floor (seeded bug: CoordinatesStayFinite fails).</summary>
    public static CheckTest<Vivaldi> VivaldiUnclampedHeight { get; } = VivaldiTest("Vivaldi.UnclampedHeight", unclampedHeight: true);

    /// <inheritdoc/>
    public IEnumerable<CheckTest> GetTests() => [Vivaldi, VivaldiUnclampedHeight];

    private static CheckTest<Vivaldi> VivaldiTest(string name, bool unclampedHeight) =>
        new(name, 3, (node, _) => Services.Vivaldi.Create(node, UnclampedHeight: unclampedHeight), Services.Vivaldi.Properties)
        {
            Description = unclampedHeight
                ? "Vivaldi coordinates, heights not clamped (seeded bug: a close neighbour pushes a height below its floor)"
                : "Vivaldi coordinates on three nodes probing each other: finite coordinates, heights at their floor or above, every node moves",
            Driver = d =>
            {
                for (var peer = 0; peer < d.NodeCount; peer++)
                {
                    if (peer == d.Index) continue;
                    var address = CheckDriver<Vivaldi>.Address(peer);
                    d.Post($"AddNeighbor({address})", s => s.AddNeighbor(address));
                }
            },
            Defaults = new CheckOptions { Depth = 8, Walks = 200, MaxSteps = 60, Seed = 13, Time = TimeMode.Advancing },
        };
}
