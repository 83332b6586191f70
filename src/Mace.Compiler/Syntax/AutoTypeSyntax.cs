using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>Name { fields }</c> in an <c>auto_types</c> block: a generated serializable value type.</summary>
public sealed record AutoTypeSyntax(IdentifierSyntax Name, ImmutableArray<VariableSyntax> Fields, MaceSpan Span);
