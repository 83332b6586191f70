using Mace.Compiler.Text;

namespace Mace.Compiler.Diagnostics;

// MACE1xxx: syntax errors, reported by the parser. Ids are never reused or renumbered; each has a
// page docs/diagnostics/MACE1nnn.md.
public sealed partial class DiagnosticBag
{
    /// <summary>MACE1001: a token the grammar requires is missing; the parser assumes it and goes on.</summary>
    public void ReportExpected(MaceSpan span, string expected, string found) =>
        Error("MACE1001", span, $"expected {expected} but found {found}");

    /// <summary>MACE1002: a token that cannot start anything here; skipped to the next synchronizing point.</summary>
    public void ReportUnexpectedToken(MaceSpan span, string text) =>
        Error("MACE1002", span, $"unexpected '{text}'");

    /// <summary>MACE1003: a block keyword that Mace does not know.</summary>
    public void ReportUnknownBlock(MaceSpan span, string name) =>
        Error("MACE1003", span, $"unknown block '{name}'");

    /// <summary>MACE1004: a block written twice (service blocks, or <c>downcalls</c> of a serviceclass).</summary>
    public void ReportDuplicateBlock(MaceSpan span, string name) =>
        Error("MACE1004", span, $"duplicate block '{name}'");

    /// <summary>MACE1005: a second <c>service</c> line in one file.</summary>
    public void ReportSecondService(MaceSpan span, string name) =>
        Error("MACE1005", span, $"second service '{name}': a file holds at most one service");

    /// <summary>MACE1006: service blocks or options in a file with no <c>service</c> line.</summary>
    public void ReportBlockOutsideService(MaceSpan span, string name) =>
        Error("MACE1006", span, $"'{name}' outside a service: the file has no 'service Name;' line");

    /// <summary>MACE1007: a transition that does not start with downcall, upcall, scheduler or aspect.</summary>
    public void ReportUnknownTransitionKind(MaceSpan span, string text) =>
        Error("MACE1007", span, $"unknown transition kind '{text}': expected 'downcall', 'upcall', 'scheduler' or 'aspect'");

    /// <summary>MACE1008: something other than <c>recur(expr)</c> after a timer's name.</summary>
    public void ReportUnknownTimerOption(MaceSpan span, string text) =>
        Error("MACE1008", span, $"unknown timer option '{text}': expected 'recur(period)' or ';'");

    /// <summary>MACE1009: Roslyn's syntax error in embedded C#, at its <c>.mace</c> position.</summary>
    public void ReportInvalidCSharp(MaceSpan span, string context, string csharpId, string message) =>
        Error("MACE1009", span, $"invalid C# in {context}: {csharpId}: {message}");

    /// <summary>MACE1010: a bracket with no matching closer.</summary>
    public void ReportUnclosed(MaceSpan span, string open) =>
        Error("MACE1010", span, $"'{open}' is not closed");

    /// <summary>MACE1011: an entry that is not <c>Type Name [= value];</c> (or, in routines, not a C# member).</summary>
    public void ReportInvalidDeclaration(MaceSpan span, string context, string form) =>
        Error("MACE1011", span, $"{context} must be written '{form}'");

    /// <summary>MACE1012: a serviceclass entry that is not a method with a <c>;</c> or a block body.</summary>
    public void ReportInvalidMethodDeclaration(MaceSpan span) =>
        Error("MACE1012", span, "expected a method 'ReturnType Name(parameters);' or one with a default body '{ ... }'");

    /// <summary>MACE1013: a property that is neither <c>safety</c> nor <c>liveness</c>.</summary>
    public void ReportUnknownPropertyKind(MaceSpan span, string text) =>
        Error("MACE1013", span, $"unknown property kind '{text}': expected 'safety' or 'liveness'");

    /// <summary>MACE1014: a serviceclass member that is neither <c>downcalls</c> nor <c>upcalls(handler H)</c>.</summary>
    public void ReportUnknownServiceClassBlock(MaceSpan span, string name) =>
        Error("MACE1014", span, $"unknown serviceclass block '{name}': expected 'downcalls' or 'upcalls(handler Name)'");

    /// <summary>MACE1015: a second <c>namespace</c> line.</summary>
    public void ReportDuplicateNamespace(MaceSpan span) =>
        Error("MACE1015", span, "duplicate namespace declaration");

    /// <summary>MACE1016: guard blocks nested deeper than the parser accepts.</summary>
    public void ReportNestingTooDeep(MaceSpan span) =>
        Error("MACE1016", span, "guard blocks nested too deeply");

    /// <summary>MACE1017: a C# modifier, attribute or type parameter list where Mace declares the member itself.</summary>
    public void ReportNotAllowed(MaceSpan span, string text, string context) =>
        Error("MACE1017", span, $"'{text}' is not allowed in {context}");

    /// <summary>MACE1018: embedded C# nested deeper than the compiler hands to Roslyn's parser.</summary>
    public void ReportCSharpTooDeep(MaceSpan span, int limit) =>
        Error("MACE1018", span, $"C# brackets nested more than {limit} deep");
}
