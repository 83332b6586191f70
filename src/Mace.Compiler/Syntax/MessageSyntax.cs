using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>Name { fields }</c> in a <c>messages</c> block.</summary>
public sealed record MessageSyntax(IdentifierSyntax Name, ImmutableArray<VariableSyntax> Fields, MaceSpan Span);
