using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>Interface Name [= Default(args)];</c> in a <c>services</c> block.</summary>
public sealed record LowerServiceSyntax(IdentifierSyntax Interface, IdentifierSyntax Name, IdentifierSyntax? DefaultService, CSharpCodeSyntax? DefaultArguments, MaceSpan Span);
