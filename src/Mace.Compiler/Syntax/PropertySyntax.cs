using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>safety Name: expression;</c> or <c>liveness Name: expression;</c>.</summary>
public sealed record PropertySyntax(PropertyKind Kind, IdentifierSyntax Name, CSharpCodeSyntax Expression, MaceSpan Span);
