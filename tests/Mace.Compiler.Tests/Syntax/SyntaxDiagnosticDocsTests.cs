using System.Text.RegularExpressions;
using static Mace.Compiler.Tests.Syntax.ParserTestHelpers;

namespace Mace.Compiler.Tests.Syntax;

/// <summary>Every MACE1xxx id has a page in docs/diagnostics whose example reports what the page says.</summary>
public sealed partial class SyntaxDiagnosticDocsTests
{
    private static readonly string s_repository = Path.GetFullPath(Path.Combine(CaseFiles.Root, "..", "..", ".."));

    public static TheoryData<string> SyntaxIds()
    {
        var source = File.ReadAllText(Path.Combine(s_repository, "src", "Mace.Compiler", "Diagnostics", "DiagnosticBag.Syntax.cs"));
        var data = new TheoryData<string>();
        foreach (var id in IdPattern().Matches(source).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SyntaxIds))]
    public void DiagnosticPage_Example_ReportsTheDocumentedLine(string id)
    {
        var page = File.ReadAllText(Path.Combine(s_repository, "docs", "diagnostics", id + ".md"));
        var example = ExamplePattern().Match(page);
        Assert.True(example.Success, $"{id}.md has no ```mace example followed by its report");
        var (_, diagnostics) = Parse(example.Groups["code"].Value.Replace("\r\n", "\n", StringComparison.Ordinal));
        var reported = example.Groups["report"].Value.Trim();
        if (reported.Contains("(...)", StringComparison.Ordinal))
        {
            Assert.StartsWith(id + " ", reported, StringComparison.Ordinal);
            return;
        }

        Assert.Contains(reported, Lines(diagnostics));
    }

    [Fact]
    public void SyntaxPage_Example_ParsesWithoutDiagnostics()
    {
        var page = File.ReadAllText(Path.Combine(s_repository, "docs", "language-syntax.md"));
        var example = page.Substring(page.LastIndexOf("```mace\n", StringComparison.Ordinal) + "```mace\n".Length);
        example = example.Substring(0, example.IndexOf("```", StringComparison.Ordinal));
        var (unit, diagnostics) = Parse(example);
        Assert.Empty(diagnostics);
        Assert.Equal("EchoService", unit.Service?.Name.Text);
        Assert.Equal(["(state == init)"], unit.Service!.Transitions.Take(1).Select(t => $"({t.Guards.Single().Text})"));
    }

    [GeneratedRegex(@"MACE1\d{3}")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"```mace\n(?<code>.*?)```\s*reports\s*```\n(?<report>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExamplePattern();
}
