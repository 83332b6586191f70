namespace Mace.Compiler.Binding;

/// <summary>How a transition combines with the others of its event.</summary>
internal enum MergeKind
{
    /// <summary>First match in source order.</summary>
    None,

    /// <summary><c>[merge=pre]</c>: runs before the first match when its guard holds.</summary>
    Pre,

    /// <summary><c>[merge=post]</c>: runs after the first match when its guard holds.</summary>
    Post,
}
