using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// <c>serviceclass Name [: Base, ...] { downcalls { ... } upcalls(handler H) { ... } ... }</c>, or a
/// top-level <c>handler H { upcalls }</c> (<see cref="IsHandlerDeclaration"/>: a declaration with no
/// downcalls and the one handler <c>H</c>, which serviceclasses reuse with <c>upcalls(handler H);</c>).
/// </summary>
public sealed record ServiceClassSyntax(
    IdentifierSyntax Name,
    ImmutableArray<IdentifierSyntax> Bases,
    ImmutableArray<MethodDeclarationSyntax> Downcalls,
    ImmutableArray<HandlerSyntax> Handlers,
    MaceSpan Span,
    string SourceText,
    bool IsHandlerDeclaration = false);
