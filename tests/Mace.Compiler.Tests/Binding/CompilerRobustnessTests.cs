namespace Mace.Compiler.Tests.Binding;

/// <summary>The whole pipeline never throws and is deterministic on the binder's and emitter's cases, whole or cut short.</summary>
public sealed class CompilerRobustnessTests
{
    private static IEnumerable<string> OwnCases() => CaseFiles.All()
        .Where(c => c.StartsWith("Binding/", StringComparison.Ordinal) || c.StartsWith("Service/", StringComparison.Ordinal) || c.StartsWith("Emit/", StringComparison.Ordinal));

    [Fact]
    public void EveryPrefixOfEveryCase_CompilesWithoutInternalError()
    {
        var failures = new List<string>();
        foreach (var relativePath in OwnCases())
        {
            var text = File.ReadAllText(CaseFiles.FullPath(relativePath));
            for (var length = 0; length <= text.Length; length += 13)
            {
                var result = MaceCompiler.Compile("Cut.mace", text.Substring(0, length), MaceCompilerOptions.Default);
                if (result.Diagnostics.Any(d => d.Id == "MACE9001")) failures.Add($"{relativePath}[..{length}]: {result.Diagnostics.First(d => d.Id == "MACE9001").Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void EveryCase_CompiledTwice_GivesTheSameBytes_WithLineFeedsOnly()
    {
        foreach (var relativePath in OwnCases())
        {
            var text = File.ReadAllText(CaseFiles.FullPath(relativePath));
            var first = MaceCompiler.Compile("Same.mace", text, MaceCompilerOptions.Default);
            var second = MaceCompiler.Compile("Same.mace", text.Replace("\n", "\r\n", StringComparison.Ordinal), MaceCompilerOptions.Default);
            Assert.Equal(first.GeneratedSource, second.GeneratedSource);
            Assert.Equal(first.Diagnostics.Select(d => d.ToExpectedLine()), second.Diagnostics.Select(d => d.ToExpectedLine()));
            Assert.DoesNotContain('\r', first.GeneratedSource ?? string.Empty);
        }
    }
}
