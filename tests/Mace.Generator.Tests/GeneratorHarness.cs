using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Generator.Tests;

/// <summary>Drives <see cref="MaceSourceGenerator"/> through a real <see cref="CSharpGeneratorDriver"/> over a compilation that references Mace.Runtime.</summary>
internal static class GeneratorHarness
{
    public static CSharpCompilation NewCompilation(params string[] csharpSources)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(Runtime.Node).Assembly.Location)
            .Append(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create(
            "GeneratorTestProject",
            csharpSources.Select(s => CSharpSyntaxTree.ParseText(s)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static GeneratorDriver NewDriver(IEnumerable<AdditionalText> files, string rootNamespace = "GeneratorTestProject") =>
        CSharpGeneratorDriver.Create(
            [new MaceSourceGenerator().AsSourceGenerator()],
            additionalTexts: files,
            optionsProvider: new TestOptionsProvider(rootNamespace),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static ImmutableArray<IncrementalGeneratorRunStep> Steps(GeneratorDriver driver, string trackingName) =>
        driver.GetRunResult().Results.Single().TrackedSteps.TryGetValue(trackingName, out var steps) ? steps : [];
}
