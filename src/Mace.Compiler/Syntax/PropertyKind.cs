namespace Mace.Compiler.Syntax;

/// <summary>The kind of a property.</summary>
public enum PropertyKind
{
    /// <summary>Holds in every state.</summary>
    Safety,

    /// <summary>Defines a live state.</summary>
    Liveness,
}
