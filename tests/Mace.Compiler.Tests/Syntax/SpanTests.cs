using Mace.Compiler.Text;
using static Mace.Compiler.Tests.Syntax.ParserTestHelpers;

namespace Mace.Compiler.Tests.Syntax;

/// <summary>Every span names the exact text it covers, with 0-based lines and columns, whatever the line endings.</summary>
public sealed class SpanTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Spans_WithEitherLineEnding_CoverTheirTextAndLineColumn(string newline)
    {
        var text = string.Join(newline, "service S;", "state_variables {", "    int Count = 1 + 2;", "}", "transitions {", "    upcall (Count > 0) Hit(int n) {", "        Count += n;", "    }", "}", "");
        var service = ParseService(text);
        var variable = Assert.Single(service.StateVariables);
        AssertCovers(text, variable.Type.Span, "int", 2, 4);
        AssertCovers(text, variable.Name.Span, "Count", 2, 8);
        AssertCovers(text, variable.Initializer!.Span, "1 + 2", 2, 16);
        var transition = Assert.Single(service.Transitions);
        AssertCovers(text, transition.Guards[0].Span, "Count > 0", 5, 12);
        AssertCovers(text, transition.Name.Span, "Hit", 5, 23);
        AssertCovers(text, transition.Parameters[0].Type.Span, "int", 5, 27);
        AssertCovers(text, transition.Parameters[0].Name.Span, "n", 5, 31);
        Assert.Equal((5, 34, 7, 5), (transition.Body.Span.StartLine, transition.Body.Span.StartColumn, transition.Body.Span.EndLine, transition.Body.Span.EndColumn));
        Assert.Equal(transition.Body.Text, text.Substring(transition.Body.Span.Start, transition.Body.Span.Length));
        Assert.Equal((5, 4), (transition.Span.StartLine, transition.Span.StartColumn));
    }

    [Fact]
    public void Diagnostic_MissingSemicolonAtLineEnd_IsReportedJustAfterTheLastToken()
    {
        var (_, diagnostics) = Parse("service S\nstates { A; }\n");
        Assert.Equal(["MACE1001 (1,10)-(1,10): expected ';' but found 'states'"], Lines(diagnostics));
    }

    private static void AssertCovers(string text, MaceSpan span, string expected, int line, int column)
    {
        Assert.Equal(expected, text.Substring(span.Start, span.Length));
        Assert.Equal((line, column), (span.StartLine, span.StartColumn));
        Assert.Equal(span.StartLine, span.EndLine);
        Assert.Equal(column + expected.Length, span.EndColumn);
    }
}
