using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>A <c>using</c> line: the text between <c>using</c> and <c>;</c> (a namespace, <c>static X</c> or <c>A = B</c>).</summary>
public sealed record UsingSyntax(string Text, MaceSpan Span);
