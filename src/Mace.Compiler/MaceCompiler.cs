using System.Collections.Immutable;
using Mace.Compiler.Diagnostics;
using Mace.Compiler.Syntax;

namespace Mace.Compiler;

/// <summary>
/// The compiler's one entry point, shared by the generator and <c>mace compile</c> so both produce
/// the same bytes: parse, bind and check, emit. Never throws on user input; an internal failure
/// becomes MACE9001 on the file.
/// </summary>
public static class MaceCompiler
{
    /// <summary>Compiles the <c>.mace</c> file at <paramref name="path"/> with contents <paramref name="text"/>.</summary>
    public static MaceCompilationResult Compile(string path, string text, MaceCompilerOptions options)
    {
        var diagnostics = new DiagnosticBag(path);
        try
        {
            var unit = Parser.Parse(path, text, diagnostics);
            var references = options.ReferencedDeclarations
                .Select((declaration, i) => Parser.Parse($"<reference {i}>", declaration, new DiagnosticBag($"<reference {i}>")))
                .ToImmutableArray();
            _ = unit;
            _ = references;
            // STUB (replaced by the binder and emitter work).
            return new MaceCompilationResult(diagnostics.HasErrors ? null : string.Empty, diagnostics.ToImmutable());
        }
        catch (Exception ex)
        {
            diagnostics.ReportInternalError(ex);
            return new MaceCompilationResult(null, diagnostics.ToImmutable());
        }
    }
}
