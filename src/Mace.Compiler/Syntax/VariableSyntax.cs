using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>Type Name [= initializer];</c>: a constant, constructor parameter, state variable or message field.</summary>
public sealed record VariableSyntax(CSharpCodeSyntax Type, IdentifierSyntax Name, CSharpCodeSyntax? Initializer, MaceSpan Span);
