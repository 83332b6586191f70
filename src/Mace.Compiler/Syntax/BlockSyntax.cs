using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>Which block keyword (<c>constants</c>, <c>transitions</c>, ...) was written where.</summary>
public sealed record BlockSyntax(IdentifierSyntax Keyword, MaceSpan Span);
