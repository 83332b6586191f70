namespace Mace.Compiler.Binding;

/// <summary>
/// The wire form of a serializable C# type, classified from its text. <see cref="Text"/> is the
/// type to declare (aliases resolved); <see cref="Method"/> the scalar's reader/writer suffix;
/// <see cref="Container"/> the collection (<c>List</c>, <c>HashSet</c>, <c>SortedSet</c>, <c>Array</c>,
/// <c>Dictionary</c>, <c>SortedDictionary</c>); <see cref="AllowsNull"/> whether null is on the wire.
/// </summary>
internal sealed record WireType(
    WireKind Kind,
    string Text,
    string? Method = null,
    string? Container = null,
    WireType? Element = null,
    WireType? Value = null,
    bool AllowsNull = false,
    int MinSize = 1)
{
    /// <summary>True for types that are copied by value or immutable (no deep copy needed).</summary>
    public bool IsImmutable => Kind is WireKind.Scalar or WireKind.AutoType || (Kind == WireKind.Nullable && Element!.IsImmutable);

    /// <summary>True when the C# type is a reference type whose nullness the reader must check.</summary>
    public bool IsNonNullableReference => !AllowsNull && (Kind is WireKind.Bytes or WireKind.Sequence or WireKind.Map || Method == "String");
}
