using Mace.Runtime;

namespace Mace.Checking;

/// <summary>A checker test whose nodes each run a stack topped by <typeparamref name="TService"/>, whose <c>Properties</c> are checked.</summary>
public sealed class CheckTest<TService> : CheckTest where TService : ServiceBase
{
    /// <summary>A test of <paramref name="nodeCount"/> nodes built by <paramref name="factory"/> (node, index) and checked against <paramref name="properties"/>.</summary>
    public CheckTest(string name, int nodeCount, Func<Node, int, TService> factory, IReadOnlyList<MaceProperty<TService>> properties)
        : base(name, nodeCount)
    {
        Factory = factory ?? throw new ArgumentNullException(nameof(factory));
        Properties = properties ?? throw new ArgumentNullException(nameof(properties));
    }

    /// <summary>Builds the stack of node <c>index</c> on a fresh <see cref="Node"/> (every incarnation).</summary>
    public Func<Node, int, TService> Factory { get; }

    /// <summary>The safety and liveness properties, usually the service's generated <c>Properties</c>.</summary>
    public IReadOnlyList<MaceProperty<TService>> Properties { get; }

    /// <summary>Called after each node incarnation's <c>MaceInit</c>; queues its application events.</summary>
    public Action<CheckDriver<TService>>? Driver { get; init; }

    /// <inheritdoc/>
    public override CheckModel CreateModel() => new CheckModel<TService>(this);
}
