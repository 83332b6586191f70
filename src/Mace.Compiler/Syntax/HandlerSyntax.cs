using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>upcalls(handler Name) { methods }</c> inside a serviceclass.</summary>
public sealed record HandlerSyntax(IdentifierSyntax Name, ImmutableArray<MethodDeclarationSyntax> Upcalls, MaceSpan Span);
