using Mace.Compiler.Text;

namespace Mace.Compiler.Diagnostics;

/// <summary>
/// One diagnostic, stored as plain data (id, severity, message, path, span) so the generator can
/// cache it and the CLI print it: <c>file(line,col): error MACEnnnn: message</c>.
/// </summary>
public sealed record MaceDiagnostic(string Id, DiagnosticSeverity Severity, string Message, string Path, MaceSpan Span)
{
    /// <summary>The command-line form, with 1-based line and column.</summary>
    public override string ToString() =>
        $"{Path}({Span.StartLine + 1},{Span.StartColumn + 1}): {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Id}: {Message}";

    /// <summary>The form used in expected-diagnostics files: <c>MACE2003 (12,5)-(12,9): message</c>.</summary>
    public string ToExpectedLine() => $"{Id} {Span}: {Message}";
}
