using System.Collections.Immutable;
using Mace.Compiler.Diagnostics;

namespace Mace.Compiler;

/// <summary>The C# generated for one <c>.mace</c> file (null when it has errors) and its diagnostics.</summary>
public sealed record MaceCompilationResult(string? GeneratedSource, ImmutableArray<MaceDiagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
