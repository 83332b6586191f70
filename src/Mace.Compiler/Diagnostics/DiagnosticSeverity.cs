namespace Mace.Compiler.Diagnostics;

/// <summary>How bad a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Output is still produced.</summary>
    Warning,

    /// <summary>No output is produced for the file.</summary>
    Error,
}
