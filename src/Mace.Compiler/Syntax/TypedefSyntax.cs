using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>Name = Type;</c> in a <c>typedefs</c> block: a file-level alias.</summary>
public sealed record TypedefSyntax(IdentifierSyntax Name, CSharpCodeSyntax Type, MaceSpan Span);
