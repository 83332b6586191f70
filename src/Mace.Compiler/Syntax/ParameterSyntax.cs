using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>A parameter: C# type, name, optional default value.</summary>
public sealed record ParameterSyntax(CSharpCodeSyntax Type, IdentifierSyntax Name, CSharpCodeSyntax? Default, MaceSpan Span);
