using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// <c>upcalls(handler Name) { methods }</c> inside a serviceclass, the body of a top-level
/// <c>handler Name { methods }</c>, or <c>upcalls(handler Name);</c> (<see cref="IsReference"/>:
/// reuses a handler declared elsewhere).
/// </summary>
public sealed record HandlerSyntax(IdentifierSyntax Name, ImmutableArray<MethodDeclarationSyntax> Upcalls, MaceSpan Span, bool IsReference = false);
