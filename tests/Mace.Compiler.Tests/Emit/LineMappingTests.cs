using Microsoft.CodeAnalysis;

namespace Mace.Compiler.Tests.Emit;

/// <summary>C# errors in copied user code are reported by Roslyn at the <c>.mace</c> line and column (enhanced <c>#line</c>).</summary>
public sealed class LineMappingTests
{
    private static string PingText() => File.ReadAllText(CaseFiles.FullPath("Emit/Ping.mace")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void TypeErrorInTransitionBody_IsReportedAtMaceLineAndColumn()
    {
        var text = PingText().Replace(
            "        if (LastHeard.Remove(peer)) Upcall.PeerFailed(peer);",
            "        if (LastHeard.Remove(peer)) Upcall.PeerFailed(peer);\n        int bad = \"oops\";",
            StringComparison.Ordinal);
        var error = SingleError(text, "CS0029");
        AssertAt(error, text, "\"oops\"");
    }

    [Fact]
    public void UnknownNameOnFirstLineOfGuard_IsReportedAtMaceColumn()
    {
        var text = PingText().Replace("(LastHeard.Count < MaxPeers)", "(LastHeard.Count < MissingLimit)", StringComparison.Ordinal);
        var error = SingleError(text, "CS0103");
        AssertAt(error, text, "MissingLimit");
    }

    [Fact]
    public void UnknownTypeInMessageField_IsReportedAtMaceColumn()
    {
        var text = PingText().Replace("PongMsg { long SentTicks; }", "PongMsg { long SentTicks; }\n    OddMsg { long SentTicks; }", StringComparison.Ordinal)
            .Replace("Dictionary<NodeAddress, DateTime> LastHeard", "Dictionary<NodeAddress, Missing.When> LastHeard", StringComparison.Ordinal);
        var result = MaceCompiler.Compile("Bad.mace", text, MaceCompilerOptions.Default);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var errors = GeneratedCompilation.Create(result.GeneratedSource!).GetDiagnostics().Where(d => d.Id == "CS0246").ToList();
        Assert.NotEmpty(errors);
        AssertAt(errors[0], text, "Missing");
    }

    private static Diagnostic SingleError(string text, string id)
    {
        var result = MaceCompiler.Compile("Bad.mace", text, MaceCompilerOptions.Default);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var compilation = GeneratedCompilation.Create(result.GeneratedSource!);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(id, error.Id);
        return error;
    }

    private static void AssertAt(Diagnostic diagnostic, string text, string marker)
    {
        var offset = text.IndexOf(marker, StringComparison.Ordinal);
        var line = text.AsSpan(0, offset).Count('\n');
        var column = offset - (text.LastIndexOf('\n', offset - 1) + 1);
        var mapped = diagnostic.Location.GetMappedLineSpan();
        Assert.True(mapped.HasMappedPath, "the location is not mapped");
        Assert.Equal("Bad.mace", mapped.Path);
        Assert.Equal((line, column), (mapped.StartLinePosition.Line, mapped.StartLinePosition.Character));
    }
}
