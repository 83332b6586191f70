namespace Mace.Compiler.Binding;

/// <summary>How a serializable type is written on the wire.</summary>
internal enum WireKind
{
    /// <summary>A scalar with <c>WriteX</c>/<c>ReadX</c> methods (numbers, string, DateTime, NodeAddress, Key, ...).</summary>
    Scalar,

    /// <summary><c>byte[]</c>: length-prefixed bytes.</summary>
    Bytes,

    /// <summary><c>List&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>SortedSet&lt;T&gt;</c> or <c>T[]</c>.</summary>
    Sequence,

    /// <summary><c>Dictionary&lt;K, V&gt;</c> or <c>SortedDictionary&lt;K, V&gt;</c>.</summary>
    Map,

    /// <summary>A nullable value type or nullable auto_type: a presence byte, then the value.</summary>
    Nullable,

    /// <summary>An auto_type: its generated static <c>Write</c>/<c>Read</c>.</summary>
    AutoType,
}
