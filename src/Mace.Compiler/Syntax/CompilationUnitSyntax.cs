using System.Collections.Immutable;

namespace Mace.Compiler.Syntax;

/// <summary>A parsed <c>.mace</c> file: its usings, optional namespace, interface declarations and at most one service.</summary>
public sealed record CompilationUnitSyntax(
    string Path,
    ImmutableArray<UsingSyntax> Usings,
    CSharpCodeSyntax? Namespace,
    ImmutableArray<ServiceClassSyntax> ServiceClasses,
    ServiceSyntax? Service);
