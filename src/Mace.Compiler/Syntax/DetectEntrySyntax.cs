using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>One <c>key = value;</c> line of a detector; the value is C#.</summary>
public sealed record DetectEntrySyntax(IdentifierSyntax Key, CSharpCodeSyntax Value, MaceSpan Span);
