using Microsoft.CodeAnalysis;

namespace Mace.Generator.Tests;

public class GeneratorCachingTests
{
    private static readonly string s_pingPath = Path.Combine("/project", "Ping.mace");
    private static readonly string s_counterPath = Path.Combine("/project", "Counter.mace");

    [Fact]
    public void SecondRun_NoChange_EveryGeneratedStepIsCached()
    {
        var compilation = GeneratorHarness.NewCompilation();
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText(s_pingPath, Inputs.Read("Ping.mace")), new InMemoryAdditionalText(s_counterPath, Inputs.Read("Counter.mace"))]);

        driver = driver.RunGenerators(compilation);
        Assert.Equal(2, GeneratorHarness.Steps(driver, TrackingNames.Generated).Length);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated { }")));

        var generated = GeneratorHarness.Steps(driver, TrackingNames.Generated);
        Assert.Equal(2, generated.Length);
        Assert.All(generated.SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        var files = GeneratorHarness.Steps(driver, TrackingNames.Files);
        Assert.All(files.SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void EditOneFile_OtherFileStaysCached()
    {
        var compilation = GeneratorHarness.NewCompilation();
        var counter = new InMemoryAdditionalText(s_counterPath, Inputs.Read("Counter.mace"));
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText(s_pingPath, Inputs.Read("Ping.mace")), counter]);
        driver = driver.RunGenerators(compilation);

        var edited = new InMemoryAdditionalText(s_counterPath, Inputs.Read("Counter.mace").Replace("Count++;", "Count += 2;", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(counter, edited).RunGenerators(compilation);

        var outputs = GeneratorHarness.Steps(driver, TrackingNames.Generated)
            .SelectMany(step => step.Outputs)
            .Select(output => (File: ((Model.GeneratedFile)output.Value).HintName, output.Reason))
            .ToList();
        Assert.Contains(outputs, o => o.File.StartsWith("Ping.", StringComparison.Ordinal) && o.Reason == IncrementalStepRunReason.Cached);
        Assert.Contains(outputs, o => o.File.StartsWith("Counter.", StringComparison.Ordinal) && o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void SameFileNameInTwoFolders_BothGenerateUnderDistinctHintNames()
    {
        var a = "namespace Alpha;\n" + Inputs.Read("Counter.mace");
        var b = "namespace Beta;\n" + Inputs.Read("Counter.mace");
        var driver = GeneratorHarness.NewDriver([new InMemoryAdditionalText("/project/a/Counter.mace", a), new InMemoryAdditionalText("/project/b/Counter.mace", b)]);
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.NewCompilation(), out var output, out var diagnostics);

        var trees = driver.GetRunResult().GeneratedTrees;
        Assert.Equal(2, trees.Length);
        Assert.NotEqual(Path.GetFileName(trees[0].FilePath), Path.GetFileName(trees[1].FilePath));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
