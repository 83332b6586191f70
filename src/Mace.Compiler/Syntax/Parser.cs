using System.Collections.Immutable;
using Mace.Compiler.Diagnostics;

namespace Mace.Compiler.Syntax;

/// <summary>Parses a <c>.mace</c> file into a <see cref="CompilationUnitSyntax"/>, reporting every syntax error and recovering.</summary>
public sealed partial class Parser
{
    /// <summary>Parses <paramref name="text"/>; never throws on user input.</summary>
    public static CompilationUnitSyntax Parse(string path, string text, DiagnosticBag diagnostics)
    {
        // STUB (replaced by the parser work): an empty unit.
        _ = text;
        _ = diagnostics;
        return new CompilationUnitSyntax(path, ImmutableArray<UsingSyntax>.Empty, null, ImmutableArray<ServiceClassSyntax>.Empty, null);
    }
}
