using System.Collections.Immutable;
using Mace.Compiler;
using Mace.Compiler.Diagnostics;
using Mace.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace Mace.Generator;

/// <summary>
/// Compiles every <c>.mace</c> additional file with <see cref="MaceCompiler"/>. Pipeline models are
/// plain equatable records (no syntax trees, no Compilation), so an unchanged file, or a file whose
/// visible declarations did not change, stays cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MaceSourceGenerator : IIncrementalGenerator
{
    private const string DefaultNamespace = "Mace.Generated";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".mace", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => new MaceFileInput(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.Files);

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns) ? ns : DefaultNamespace);

        var fileDeclarations = files
            .Combine(rootNamespace)
            .SelectMany(static (pair, _) => MaceDeclarations.Extract(pair.Left.Path, pair.Left.Text, pair.Right)
                .Select(declaration => new DeclarationInput(pair.Left.Path, declaration)))
            .WithTrackingName(TrackingNames.FileDeclarations)
            .Collect();

        var referencedDeclarations = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => new EquatableArray<DeclarationInput>(
                ReferencedServiceClasses.Collect(compilation, cancellationToken).Select(d => new DeclarationInput(null, d)).ToImmutableArray()))
            .WithTrackingName(TrackingNames.ReferencedDeclarations);

        var settings = rootNamespace
            .Combine(fileDeclarations)
            .Combine(referencedDeclarations)
            .Select(static (pair, _) => new CompileSettings(
                pair.Left.Left,
                new EquatableArray<DeclarationInput>(pair.Right.AsImmutableArray().AddRange(pair.Left.Right))))
            .WithTrackingName(TrackingNames.Settings);

        var generated = files
            .Combine(settings)
            .Select(static (pair, _) => Compile(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Generated);

        context.RegisterSourceOutput(generated, static (spc, file) =>
        {
            foreach (var diagnostic in file.Diagnostics) spc.ReportDiagnostic(ToRoslyn(diagnostic));
            if (file.Source is not null) spc.AddSource(file.HintName, SourceText.From(file.Source, System.Text.Encoding.UTF8));
        });
    }

    private static GeneratedFile Compile(MaceFileInput file, CompileSettings settings)
    {
        var references = settings.Declarations
            .Where(d => d.SourcePath != file.Path)
            .Select(d => d.Declaration)
            .ToImmutableArray();
        references = MaceDeclarations.WithoutShadowed(references, file.Path, file.Text);
        var result = MaceCompiler.Compile(file.Path, file.Text, new MaceCompilerOptions(settings.DefaultNamespace, references));
        return new GeneratedFile(HintNames.For(file.Path), result.GeneratedSource, new EquatableArray<MaceDiagnostic>(result.Diagnostics));
    }

    private static Diagnostic ToRoslyn(MaceDiagnostic diagnostic)
    {
        var severity = diagnostic.Severity == Compiler.Diagnostics.DiagnosticSeverity.Error ? RoslynSeverity.Error : RoslynSeverity.Warning;
        var descriptor = new DiagnosticDescriptor(
            diagnostic.Id,
            diagnostic.Id,
            "{0}",
            "Mace",
            severity,
            isEnabledByDefault: true,
            helpLinkUri: $"docs/diagnostics/{diagnostic.Id}.md");
        var span = diagnostic.Span;
        var location = Location.Create(
            diagnostic.Path,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
        return Diagnostic.Create(descriptor, location, diagnostic.Message);
    }
}
