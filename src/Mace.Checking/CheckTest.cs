namespace Mace.Checking;

/// <summary>
/// A checker test: a name, a number of nodes, how to build each node's service stack, a driver that
/// injects application events, the properties to check, and default options.
/// </summary>
public abstract class CheckTest
{
    /// <summary>A test called <paramref name="name"/> over <paramref name="nodeCount"/> nodes.</summary>
    protected CheckTest(string name, int nodeCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        Name = name;
        NodeCount = nodeCount;
    }

    /// <summary>The name <c>mace check</c> finds the test by.</summary>
    public string Name { get; }

    /// <summary>The number of node slots.</summary>
    public int NodeCount { get; }

    /// <summary>One line saying what the test checks.</summary>
    public string Description { get; init; } = "";

    /// <summary>The options used when the caller overrides none.</summary>
    public CheckOptions Defaults { get; init; } = new();

    /// <summary>A fresh model (node stacks and properties) for one world.</summary>
    public abstract CheckModel CreateModel();
}
