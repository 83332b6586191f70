using static Mace.Compiler.Tests.Syntax.ParserTestHelpers;

namespace Mace.Compiler.Tests.Syntax;

/// <summary>One run reports every syntax error and keeps parsing after each.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public void EmptyFile_Parses_ToEmptyUnitWithoutDiagnostics()
    {
        var (unit, diagnostics) = Parse(string.Empty);
        Assert.Empty(diagnostics);
        Assert.Null(unit.Service);
        Assert.Empty(unit.ServiceClasses);
    }

    [Fact]
    public void ErrorsInSeveralBlocks_AllReported_AndLaterDeclarationsSurvive()
    {
        var text = """
            service S;
            constants { int A = 1 }
            bogus { x; }
            states { Ready }
            transitions {
                downcal X() { }
                upcall Y() { }
            }
            """;
        var (unit, diagnostics) = Parse(text);
        Assert.Equal(["MACE1001", "MACE1003", "MACE1001", "MACE1007"], diagnostics.Select(d => d.Id));
        var service = unit.Service!;
        Assert.Equal("A", Assert.Single(service.Constants).Name.Text);
        Assert.Equal("Ready", Assert.Single(service.States).Text);
        Assert.Equal("Y", Assert.Single(service.Transitions).Name.Text);
    }

    [Fact]
    public void BodyMissingClosingBrace_StopsAtNextTransition_AndParsesIt()
    {
        var text = "service S;\ntransitions {\n    downcall A() {\n        x++;\n    downcall B() { }\n}\nstates { Z; }\n";
        var (unit, diagnostics) = Parse(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MACE1010 (3,18)-(3,19): '{' is not closed", diagnostic.ToExpectedLine());
        Assert.Equal(["A", "B"], unit.Service!.Transitions.Select(t => t.Name.Text));
        Assert.Equal("Z", Assert.Single(unit.Service.States).Text);
    }

    [Fact]
    public void BlockMissingClosingBrace_NextBlockStillParsed()
    {
        var (unit, diagnostics) = Parse("service S;\nconstants {\n    int A = 1;\nstates { Z; }\n");
        Assert.Equal(["MACE1001"], diagnostics.Select(d => d.Id));
        Assert.Equal("Z", Assert.Single(unit.Service!.States).Text);
    }

    [Theory]
    [InlineData("service")]
    [InlineData("service S; transitions { downcall")]
    [InlineData("service S; transitions { downcall (")]
    [InlineData("serviceclass X { downcalls { void F(")]
    [InlineData("}}}}{{{{))))((((")]
    [InlineData("service S; state_variables { timer<")]
    [InlineData("service S; messages { M { int")]
    [InlineData("\0\u0001\uffff\ud800 service \u0007")]
    [InlineData("/* unterminated")]
    [InlineData("service S; routines { string s = \"unterminated")]
    [InlineData("service S; transitions { downcall X() [merge=")]
    public void TruncatedOrGarbageInput_ReportsErrors_WithoutThrowing(string text)
    {
        var (_, diagnostics) = Parse(text);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.InRange(d.Span.End, 0, text.Length));
    }

    [Fact]
    public void DeeplyNestedGuardBlocks_AreBounded_AndReported()
    {
        var depth = 500;
        var text = "service S; transitions {" + string.Concat(Enumerable.Repeat("(a) {", depth)) + string.Concat(Enumerable.Repeat("}", depth)) + "}";
        var (_, diagnostics) = Parse(text);
        Assert.Contains(diagnostics, d => d.Id == "MACE1016");
    }

    [Theory]
    [InlineData("service S; transitions { downcall (", "x", ") A() { } }")]
    [InlineData("service S; transitions { downcall A() ", "{", " }")]
    [InlineData("service S; constants { int A = ", "[", "]; }")]
    public void DeeplyNestedEmbeddedCSharp_IsReported_WithoutThrowing(string prefix, string open, string suffix)
    {
        const int Depth = 20_000;
        var close = open switch { "{" => "}", "[" => "]", _ => ")" };
        var inner = open == "x" ? new string('(', Depth) + "x" + new string(')', Depth) : new string(open[0], Depth) + new string(close[0], Depth);
        var text = prefix + inner + suffix;
        var result = MaceCompiler.Compile("deep.mace", text, MaceCompilerOptions.Default);
        Assert.Equal(["MACE1018"], result.Diagnostics.Select(d => d.Id));
        Assert.All(result.Diagnostics, d => Assert.InRange(d.Span.End, 0, text.Length));
    }
}
