using System.Collections.Immutable;

namespace Mace.Compiler;

/// <summary>
/// What a host tells the compiler besides the file: the namespace for generated types when the
/// file names none, and the serviceclass declarations (Mace source) visible from referenced
/// projects and assemblies.
/// </summary>
public sealed record MaceCompilerOptions(string DefaultNamespace, ImmutableArray<string> ReferencedDeclarations)
{
    /// <summary>Namespace <c>Mace.Generated</c>, no references.</summary>
    public static MaceCompilerOptions Default { get; } = new("Mace.Generated", ImmutableArray<string>.Empty);
}
