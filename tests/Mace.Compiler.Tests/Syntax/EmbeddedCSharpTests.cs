using Mace.Compiler.Syntax;
using static Mace.Compiler.Tests.Syntax.ParserTestHelpers;

namespace Mace.Compiler.Tests.Syntax;

/// <summary>Braces inside C# tokens and trivia never confuse the Mace structure; C# errors map to .mace positions.</summary>
public sealed class EmbeddedCSharpTests
{
    private const string Header = "service S;\n";

    [Theory]
    [InlineData("var s = \"}}}\";")]
    [InlineData("var c = '}';")]
    [InlineData("var s = $\"{{ {x} }}}} {(x > 1 ? \"}\" : \"{\")}\";")]
    [InlineData("var s = \"\"\"\n    } { }}}\n    \"\"\";")]
    [InlineData("var s = $$\"\"\"{{x}} } {\"\"\";")]
    [InlineData("// } closing brace in a comment\nx++;")]
    [InlineData("/* { */ x++; /* } } */")]
    [InlineData("var s = @\"}\"\"{\";")]
    [InlineData("#if NEVER\n}\n#endif\nx++;")]
    public void Body_BracesInsideTokensOrTrivia_DoNotBreakStructure(string statement)
    {
        var text = Header + "transitions {\n  downcall A() {\n" + statement + "\n  }\n  downcall B() { }\n}\n";
        var service = ParseService(text);
        Assert.Equal(["A", "B"], service.Transitions.Select(t => t.Name.Text));
        Assert.Contains(statement, service.Transitions[0].Body.Text, StringComparison.Ordinal);
        Assert.Equal("{ }", service.Transitions[1].Body.Text);
    }

    [Fact]
    public void Guard_WithLambdaBracesAndStrings_IsKeptWhole()
    {
        var service = ParseService(Header + "transitions { downcall (xs.Any(x => { return x == \")\"; })) A() { } }");
        var guard = Assert.Single(Assert.Single(service.Transitions).Guards);
        Assert.Equal("xs.Any(x => { return x == \")\"; })", guard.Text);
    }

    [Fact]
    public void GuardBlocks_Nested_ConjoinOutermostFirst()
    {
        var text = Header + """
            transitions {
                (a) {
                    (b) {
                        downcall (c) X() { }
                        upcall Y() { }
                    }
                    scheduler Z() { }
                }
                downcall W() { }
            }
            """;
        var transitions = ParseService(text).Transitions;
        Assert.Equal(
            [("X", "a|b|c"), ("Y", "a|b"), ("Z", "a"), ("W", "")],
            transitions.Select(t => (t.Name.Text, string.Join("|", t.Guards.Select(g => g.Text)))));
    }

    [Fact]
    public void Transition_OptionsAndAspect_AreParsed()
    {
        var text = Header + "transitions { aspect<Range, Peers> Changed(KeyRange old) [merge=post, exec=once] { } upcall X() [merge=pre] { } }";
        var transitions = ParseService(text).Transitions;
        Assert.Equal(TransitionKind.Aspect, transitions[0].Kind);
        Assert.Equal(["Range", "Peers"], transitions[0].AspectVariables.Select(v => v.Text));
        Assert.Equal([("merge", "post"), ("exec", "once")], transitions[0].Options.Select(o => (o.Name.Text, o.Value.Text)));
        Assert.Equal([("merge", "pre")], transitions[1].Options.Select(o => (o.Name.Text, o.Value.Text)));
    }

    [Fact]
    public void Timer_WithNestedGenericArguments_SplitsTopLevelCommas()
    {
        var service = ParseService(Header + "state_variables { timer<Dictionary<int, List<Key>>, (int, string)> T recur(Delay * 2); timer U; }");
        Assert.Equal(
            [("T", "Dictionary<int, List<Key>>|(int, string)", "Delay * 2"), ("U", "", null)],
            service.Timers.Select(t => (t.Name.Text, string.Join("|", t.TypeArguments.Select(a => a.Text)), t.Recur?.Text)));
    }

    [Fact]
    public void Routines_EachMember_IsOneCodeSlice()
    {
        var text = Header + """
            routines {
                int Twice(int x) => x * 2;
                int Count { get; set; } = 3;
                Func<int> F = () => { return 1; };
                private sealed class Box { public int V; }
                void M() { if (true) { } }
            }
            """;
        var routines = ParseService(text).Routines;
        Assert.Equal(
            ["int Twice(int x) => x * 2;", "int Count { get; set; } = 3;", "Func<int> F = () => { return 1; };", "private sealed class Box { public int V; }", "void M() { if (true) { } }"],
            routines.Select(r => r.Text));
    }

    [Fact]
    public void HeaderAndBlocks_NamespaceUsingsTypedefsAutoTypesDetect_AreParsed()
    {
        var text = """
            namespace My.Services;
            using static System.Math;
            using Map = System.Collections.Generic.Dictionary<int, string>;
            service S : A, B;
            typedefs { Peers = List<NodeAddress>; }
            auto_types { Entry { Key Id; int Hops; } Empty { } }
            states { Joining, Joined; Left; }
            detect { Probe { nodes = Peers; period = TimeSpan.FromSeconds(1); } }
            properties { liveness AllJoined: Nodes.All(n => n.state == Joined); }
            """;
        var (unit, diagnostics) = Parse(text);
        Assert.Empty(diagnostics);
        Assert.Equal("My.Services", unit.Namespace?.Text);
        Assert.Equal(["static System.Math", "Map = System.Collections.Generic.Dictionary<int, string>"], unit.Usings.Select(u => u.Text));
        var service = unit.Service!;
        Assert.Equal(["A", "B"], service.Provides.Select(p => p.Text));
        Assert.Equal([("Peers", "List<NodeAddress>")], service.Typedefs.Select(t => (t.Name.Text, t.Type.Text)));
        Assert.Equal([("Entry", 2), ("Empty", 0)], service.AutoTypes.Select(a => (a.Name.Text, a.Fields.Length)));
        Assert.Equal(["Joining", "Joined", "Left"], service.States.Select(s => s.Text));
        var detect = Assert.Single(service.Detects);
        Assert.Equal([("nodes", "Peers"), ("period", "TimeSpan.FromSeconds(1)")], detect.Entries.Select(e => (e.Key.Text, e.Value.Text)));
        Assert.Equal(PropertyKind.Liveness, Assert.Single(service.Properties).Kind);
    }

    [Fact]
    public void GuardError_RoslynMessage_IsMappedToMacePosition()
    {
        var text = Header + "transitions {\n    downcall (a == ) X() { }\n}\n";
        var (_, diagnostics) = Parse(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MACE1009", diagnostic.Id);
        Assert.Contains("guard", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((2, 19), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
    }

    [Fact]
    public void BodyError_InsideSecondLine_IsReportedAtThatLine()
    {
        var text = Header + "transitions {\n    downcall X() {\n        int y = ;\n    }\n}\n";
        var (_, diagnostics) = Parse(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MACE1009", diagnostic.Id);
        Assert.Equal((3, 16), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
    }
}
