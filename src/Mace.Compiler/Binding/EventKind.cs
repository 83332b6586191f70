namespace Mace.Compiler.Binding;

/// <summary>What raises an event.</summary>
internal enum EventKind
{
    /// <summary>A downcall of a provided serviceclass (from the layer above or the application).</summary>
    Downcall,

    /// <summary><c>MaceInit</c>, <c>MaceExit</c> or <c>MaceReset</c>.</summary>
    Lifecycle,

    /// <summary>An upcall of a lower service's handler.</summary>
    Upcall,

    /// <summary>A timer firing.</summary>
    Scheduler,
}
