using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>A header option <c>name = value;</c> (e.g. <c>trace = med;</c>).</summary>
public sealed record OptionSyntax(IdentifierSyntax Name, IdentifierSyntax Value, MaceSpan Span);
