using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>A downcall or upcall of a serviceclass: <c>ReturnType Name(params);</c> or with a default body <c>{ ... }</c>.</summary>
public sealed record MethodDeclarationSyntax(
    CSharpCodeSyntax ReturnType,
    IdentifierSyntax Name,
    ImmutableArray<ParameterSyntax> Parameters,
    CSharpCodeSyntax? DefaultBody,
    MaceSpan Span);
