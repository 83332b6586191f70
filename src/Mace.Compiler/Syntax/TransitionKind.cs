namespace Mace.Compiler.Syntax;

/// <summary>The event a transition answers.</summary>
public enum TransitionKind
{
    /// <summary>A call from the layer above (or the application).</summary>
    Downcall,

    /// <summary>A call from a layer below.</summary>
    Upcall,

    /// <summary>A timer firing.</summary>
    Scheduler,

    /// <summary>A change of watched state variables.</summary>
    Aspect,
}
