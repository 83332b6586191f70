using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>A bound file: its namespace, usings (own and the referenced declarations'), local serviceclasses and service.</summary>
internal sealed record BoundUnit(
    CompilationUnitSyntax Syntax,
    string Namespace,
    ImmutableArray<string> ReferencedUsings,
    ImmutableArray<ServiceClassSymbol> ServiceClasses,
    BoundService? Service);
