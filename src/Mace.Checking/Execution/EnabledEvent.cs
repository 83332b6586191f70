namespace Mace.Checking.Execution;

/// <summary>One enabled event: its kind and up to two operands (node, peer, or an index into a pending list).</summary>
internal readonly record struct EnabledEvent(EventKind Kind, int A, int B);
