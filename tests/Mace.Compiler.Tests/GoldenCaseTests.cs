namespace Mace.Compiler.Tests;

/// <summary>
/// The golden corpus: each <c>Cases/**/name.mace</c> is compiled as <c>name.mace</c> (file name only,
/// so the expected output does not depend on the machine) and compared with
/// <c>name.expected.txt</c> (one diagnostic a line; absent means none) and, when present,
/// <c>name.expected.cs</c> (byte for byte). <c>MACE_ACCEPT=1</c> rewrites the expected files.
/// </summary>
public sealed class GoldenCaseTests
{
    private static readonly bool s_accept = Environment.GetEnvironmentVariable("MACE_ACCEPT") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var relativePath in CaseFiles.All())
        {
            data.Add(relativePath);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_Compiled_MatchesExpectedDiagnosticsAndSource(string relativePath)
    {
        var text = File.ReadAllText(CaseFiles.FullPath(relativePath));
        var result = MaceCompiler.Compile(Path.GetFileName(relativePath), text, MaceCompilerOptions.Default);
        var diagnostics = string.Concat(result.Diagnostics.Select(d => d.ToExpectedLine() + "\n"));
        var expectedTxt = CaseFiles.ExpectedPath(relativePath, ".expected.txt");
        var expectedCs = CaseFiles.ExpectedPath(relativePath, ".expected.cs");

        if (s_accept)
        {
            Accept(relativePath, result, diagnostics, expectedTxt, expectedCs);
        }

        var expected = File.Exists(expectedTxt) ? File.ReadAllText(expectedTxt).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        Assert.Equal(expected, diagnostics);
        if (File.Exists(expectedCs))
        {
            Assert.Equal(File.ReadAllText(expectedCs), result.GeneratedSource);
        }
    }

    private static void Accept(string relativePath, MaceCompilationResult result, string diagnostics, string expectedTxt, string expectedCs)
    {
        if (diagnostics.Length > 0)
        {
            File.WriteAllText(expectedTxt, diagnostics);
        }
        else if (File.Exists(expectedTxt))
        {
            File.Delete(expectedTxt);
        }

        var isEmitCase = relativePath.StartsWith("Emit/", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(result.GeneratedSource) && (File.Exists(expectedCs) || isEmitCase))
        {
            File.WriteAllText(expectedCs, result.GeneratedSource);
        }
        else if (result.GeneratedSource is null && File.Exists(expectedCs))
        {
            File.Delete(expectedCs);
        }
    }
}
