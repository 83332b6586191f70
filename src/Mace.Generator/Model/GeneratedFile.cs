using Mace.Compiler.Diagnostics;

namespace Mace.Generator.Model;

/// <summary>The output for one .mace file: hint name, source (null on errors) and diagnostics as plain data.</summary>
internal sealed record GeneratedFile(string HintName, string? Source, EquatableArray<MaceDiagnostic> Diagnostics);
