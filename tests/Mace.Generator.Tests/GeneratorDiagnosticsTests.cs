using Microsoft.CodeAnalysis;

namespace Mace.Generator.Tests;

public class GeneratorDiagnosticsTests
{
    [Fact]
    public void Ping_FromDesign_CompilesWithoutErrors()
    {
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText("/project/Ping.mace", Inputs.Read("Ping.mace"))]);
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.NewCompilation(), out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotNull(output.GetTypeByMetadataName("GeneratorTestProject.Ping"));
    }

    [Fact]
    public void TopLevelHandler_InOneFile_ReusedByServiceClassesInAnother()
    {
        const string Handlers = """
            handler PeerEvents {
                void PeerUp(NodeAddress peer) { }
            }
            """;
        const string Service = """
            serviceclass Watcher {
                downcalls { void Watch(NodeAddress peer); }
                upcalls(handler PeerEvents);
            }

            service Sentry : Watcher;

            transitions {
                downcall Watch(NodeAddress peer) { Upcall.PeerUp(peer); }
            }
            """;
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText("/project/Handlers.mace", Handlers), new InMemoryAdditionalText("/project/Sentry.mace", Service)]);
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.NewCompilation(), out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var handler = output.GetTypeByMetadataName("GeneratorTestProject.IPeerEvents");
        Assert.NotNull(handler);
        var register = output.GetTypeByMetadataName("GeneratorTestProject.IWatcher")!.GetMembers("RegisterPeerEvents").OfType<IMethodSymbol>().Single();
        Assert.Equal(handler, register.Parameters[1].Type, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void CSharpTypeErrorInTransitionBody_IsReportedAtTheMaceLine()
    {
        var text = Inputs.Read("Counter.mace").Replace("Count++;", "Count = \"not a number\";", StringComparison.Ordinal);
        var expectedLine = text.Split('\n').ToList().FindIndex(l => l.Contains("not a number", StringComparison.Ordinal));
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText("/project/Counter.mace", text)]);
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.NewCompilation(), out var output, out _);

        var error = Assert.Single(output.GetDiagnostics(), d => d.Id == "CS0029");
        var mapped = error.Location.GetMappedLineSpan();
        Assert.Equal("/project/Counter.mace", mapped.Path);
        Assert.Equal(expectedLine, mapped.StartLinePosition.Line);
        Assert.Equal(text.Split('\n')[expectedLine].IndexOf('"', StringComparison.Ordinal), mapped.StartLinePosition.Character);
    }

    [Fact]
    public void SyntaxError_IsAMaceDiagnosticOnTheFile_AndNoSourceIsAdded()
    {
        var text = "service Broken;\ntransitions {\n    downcall MaceInit( {\n";
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText("/project/Broken.mace", text)]);
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.NewCompilation(), out _, out var diagnostics);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
        {
            Assert.StartsWith("MACE1", d.Id, StringComparison.Ordinal);
            Assert.Equal("/project/Broken.mace", d.Location.GetLineSpan().Path);
        });
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void MessageParameterNamedLikeThePayloadParameter_Compiles()
    {
        // The transport's Deliver names its payload `message`; transitions that name the decoded
        // message `message` too must not collide with the dispatcher's own locals (CS0136 before).
        const string Service = """
            service Echoer;
            services { Transport Net = TcpTransport(); }
            messages { Ask { int Id; } Answer { int Id; } }
            state_variables { int Answered = 0; }
            transitions {
                upcall Deliver(NodeAddress src, NodeAddress dest, Ask message) { Net.Route(src, new Answer(message.Id)); }
                upcall Deliver(NodeAddress src, NodeAddress dest, Answer message) { Answered += message.Id; }
            }
            """;
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText("/project/Echoer.mace", Service)]);
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.NewCompilation(), out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
