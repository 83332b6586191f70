using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Diagnostics;

/// <summary>
/// Collects the diagnostics of one file. One <c>ReportXxx</c> method per diagnostic id, split by
/// area: <c>DiagnosticBag.Syntax.cs</c> (MACE1xxx), <c>DiagnosticBag.Binding.cs</c> (MACE2xxx,
/// MACE3xxx), <c>DiagnosticBag.Emit.cs</c> (MACE4xxx, MACE9xxx). Ids are never reused or renumbered.
/// </summary>
public sealed partial class DiagnosticBag
{
    private readonly List<MaceDiagnostic> _diagnostics = [];

    /// <summary>Creates a bag for the file at <paramref name="path"/>.</summary>
    public DiagnosticBag(string path)
    {
        Path = path;
    }

    /// <summary>The file every diagnostic in this bag belongs to.</summary>
    public string Path { get; }

    /// <summary>True when any error was reported.</summary>
    public bool HasErrors => _diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The number of diagnostics reported.</summary>
    public int Count => _diagnostics.Count;

    /// <summary>Everything reported, in order of position then id.</summary>
    public ImmutableArray<MaceDiagnostic> ToImmutable() =>
        _diagnostics.OrderBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    private void Error(string id, MaceSpan span, string message) =>
        _diagnostics.Add(new MaceDiagnostic(id, DiagnosticSeverity.Error, message, Path, span));

    private void Warning(string id, MaceSpan span, string message) =>
        _diagnostics.Add(new MaceDiagnostic(id, DiagnosticSeverity.Warning, message, Path, span));
}
