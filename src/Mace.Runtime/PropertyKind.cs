namespace Mace.Runtime;

/// <summary>The two kinds of property in a <c>properties</c> block.</summary>
public enum PropertyKind
{
    /// <summary>Must hold in every reachable state.</summary>
    Safety,

    /// <summary>Defines a live state; every execution must eventually reach one.</summary>
    Liveness,
}
