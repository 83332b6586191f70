namespace Mace.Compiler.Binding;

/// <summary>What a transition does to causal paths (docs/analysis.md).</summary>
[System.Flags]
internal enum PathRole
{
    /// <summary>Nothing: the event stays on the path it was caused on, if any.</summary>
    None = 0,

    /// <summary><c>[path=start]</c>: the event starts a new path unless it is on one already.</summary>
    Start = 1,

    /// <summary><c>[path=end]</c>: the event is the path's last; what it sends is off the path.</summary>
    End = 2,
}
