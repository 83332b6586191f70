extern alias MaceGenerator;

using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Mace.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Mace.Benchmarks.Compiler;

/// <summary>
/// Compile time: one large service (about 1,000 lines) through MaceCompiler (parse, bind, emit), and
/// the incremental generator over a 50-file project, cold (a new driver) and after editing one file.
/// </summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private string _large = "";
    private ImmutableArray<AdditionalText> _project;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _edited = null!;
    private int _editCount;

    [GlobalSetup]
    public void Setup()
    {
        _large = CompilerInputs.LargeService(70);
        _project = [.. Enumerable.Range(0, 50).Select(i => (AdditionalText)new MaceText($"/project/Counter{i}.mace", CompilerInputs.SmallService(i)))];
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal))
            .Append(typeof(Runtime.Node).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        _compilation = CSharpCompilation.Create("Project", references: references, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _warm = NewDriver().RunGenerators(_compilation);
        _edited = _project[0];
    }

    /// <summary>The lines of the large service (reported in docs/benchmarks.md).</summary>
    public int LargeServiceLines => _large.Split('\n').Length;

    [Benchmark]
    public int CompileLargeService() => MaceCompiler.Compile("Large.mace", _large, MaceCompilerOptions.Default).GeneratedSource!.Length;

    [Benchmark]
    public int Generator50FilesCold() => NewDriver().RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark]
    public int Generator50FilesEditOne()
    {
        var replacement = new MaceText(_edited.Path, CompilerInputs.SmallService(0).Replace("Count++;", $"Count += {++_editCount};", StringComparison.Ordinal));
        _warm = _warm.ReplaceAdditionalText(_edited, replacement).RunGenerators(_compilation);
        _edited = replacement;
        return _warm.GetRunResult().GeneratedTrees.Length;
    }

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new MaceGenerator::Mace.Generator.MaceSourceGenerator().AsSourceGenerator()], additionalTexts: _project);

    private sealed class MaceText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
