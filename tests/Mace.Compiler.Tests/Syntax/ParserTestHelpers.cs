using System.Collections.Immutable;
using Mace.Compiler.Diagnostics;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Tests.Syntax;

internal static class ParserTestHelpers
{
    public static (CompilationUnitSyntax Unit, ImmutableArray<MaceDiagnostic> Diagnostics) Parse(string text)
    {
        var bag = new DiagnosticBag("test.mace");
        var unit = Parser.Parse("test.mace", text, bag);
        return (unit, bag.ToImmutable());
    }

    /// <summary>Parses text that must have no diagnostics and returns its service.</summary>
    public static ServiceSyntax ParseService(string text)
    {
        var (unit, diagnostics) = Parse(text);
        Assert.Empty(diagnostics);
        Assert.NotNull(unit.Service);
        return unit.Service;
    }

    /// <summary>The diagnostics as expected-file lines.</summary>
    public static string[] Lines(ImmutableArray<MaceDiagnostic> diagnostics) =>
        diagnostics.Select(d => d.ToExpectedLine()).ToArray();

    /// <summary>Reads a golden case from the corpus.</summary>
    public static string ReadCase(string relativePath) => File.ReadAllText(CaseFiles.FullPath(relativePath));
}
