namespace Mace.Compiler.Tests.Emit;

/// <summary>Every <c>Cases/Emit</c> case compiles to C# that Roslyn accepts against Mace.Runtime with no error or warning.</summary>
public sealed class EmitCompilesTests
{
    public static TheoryData<string> EmitCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in CaseFiles.Valid().Where(c => c.StartsWith("Emit/", StringComparison.Ordinal))) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(EmitCases))]
    public void EmitCase_Generated_CompilesWithoutDiagnostics(string relativePath)
    {
        var text = File.ReadAllText(CaseFiles.FullPath(relativePath));
        var result = MaceCompiler.Compile(Path.GetFileName(relativePath), text, MaceCompilerOptions.Default);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var compilation = GeneratedCompilation.Create(result.GeneratedSource!);
        var problems = GeneratedCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
