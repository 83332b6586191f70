namespace Mace.Simulation.Harness;

/// <summary>Why an incarnation started.</summary>
public enum NodeStart
{
    /// <summary>One of the nodes the run starts with.</summary>
    Initial,

    /// <summary>A crashed node restarted (a new incarnation at the same address).</summary>
    Restart,

    /// <summary>A fresh node joining through a bootstrap node (churn replacement).</summary>
    Join,
}
