using Mace.Simulation.Harness;

namespace Mace.Experiments;

/// <summary>The scenarios <c>mace sim</c> knows, by name.</summary>
public static class ScenarioCatalog
{
    private static readonly (string Name, string Description, Func<Scenario> Create)[] s_entries =
    [
        ("ping", new PingScenario().Description, static () => new PingScenario()),
        ("failure-detection", new FailureDetectionScenario().Description, static () => new FailureDetectionScenario()),
        ("phi-detection", new FailureDetectionScenario { Kind = DetectorKind.Phi }.Description, static () => new FailureDetectionScenario { Kind = DetectorKind.Phi, Period = TimeSpan.FromSeconds(1) }),
        ("bamboo-churn", new BambooChurnScenario().Description, static () => new BambooChurnScenario()),
        ("pastry-churn", new BambooChurnScenario(Services.OverlayKind.Pastry).Description, static () => new BambooChurnScenario(Services.OverlayKind.Pastry)),
        ("chord-churn", new BambooChurnScenario(Services.OverlayKind.Chord).Description, static () => new BambooChurnScenario(Services.OverlayKind.Chord)),
        ("vivaldi", new VivaldiScenario().Description, static () => new VivaldiScenario()),
        ("dht-churn", new DhtChurnScenario().Description, static () => new DhtChurnScenario()),
        ("randtree", new RandTreeScenario().Description, static () => new RandTreeScenario()),
        ("scribe", new ScribeScenario().Description, static () => new ScribeScenario()),
        ("fileshare", new FileShareScenario().Description, static () => new FileShareScenario()),
        ("overcast", new OvercastScenario().Description, static () => new OvercastScenario()),
        ("bulletprime", new BulletPrimeScenario().Description, static () => new BulletPrimeScenario()),
        ("bulletprime-tree", new BulletPrimeScenario { MeshPeers = false }.Description, static () => new BulletPrimeScenario { MeshPeers = false }),
        ("splitstream", new SplitStreamScenario().Description, static () => new SplitStreamScenario()),
        ("splitstream-bounded", new SplitStreamScenario { Outdegree = 32 }.Description, static () => new SplitStreamScenario { Outdegree = 32 }),
        ("splitstream-spare", new SplitStreamScenario { Outdegree = 32, SpareCapacityGroup = true }.Description, static () => new SplitStreamScenario { Outdegree = 32, SpareCapacityGroup = true }),
    ];

    /// <summary>(name, description) of every scenario, in name order.</summary>
    public static IReadOnlyList<(string Name, string Description)> All => [.. s_entries.Select(e => (e.Name, e.Description))];

    /// <summary>A fresh scenario named <paramref name="name"/>, or null.</summary>
    public static Scenario? Create(string name)
    {
        foreach (var entry in s_entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry.Create();
        }
        return null;
    }
}
