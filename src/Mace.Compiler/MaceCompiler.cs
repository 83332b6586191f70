using System.Collections.Immutable;
using Mace.Compiler.Binding;
using Mace.Compiler.Diagnostics;
using Mace.Compiler.Emit;
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
            text ??= string.Empty;
            var unit = Parser.Parse(path, text, diagnostics);
            if (diagnostics.HasErrors) return new MaceCompilationResult(null, diagnostics.ToImmutable());

            // References are other files' declarations: their own compilations report their errors.
            var declarations = options.ReferencedDeclarations.IsDefault ? ImmutableArray<string>.Empty : options.ReferencedDeclarations;
            var references = declarations
                .Concat(WellKnownDeclarations.All)
                .Select((declaration, i) => Parser.Parse("<reference " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ">", declaration, new DiagnosticBag("<reference>")))
                .ToImmutableArray();
            var bound = Binder.Bind(unit, references, diagnostics, options.DefaultNamespace);
            if (diagnostics.HasErrors) return new MaceCompilationResult(null, diagnostics.ToImmutable());

            var source = CSharpEmitter.Emit(bound, path, text);
            return new MaceCompilationResult(source, diagnostics.ToImmutable());
        }
        catch (Exception ex)
        {
            diagnostics.ReportInternalError(ex);
            return new MaceCompilationResult(null, diagnostics.ToImmutable());
        }
    }
}
