using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// Embedded C# (a type, an expression, a parameter list or a block), kept exactly as written.
/// <see cref="Span"/> locates <see cref="Text"/> in the <c>.mace</c> file so the emitter can copy it
/// under a <c>#line</c> directive.
/// </summary>
public sealed record CSharpCodeSyntax(string Text, MaceSpan Span)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}
