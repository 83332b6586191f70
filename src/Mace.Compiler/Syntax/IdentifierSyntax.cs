using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>A Mace name (service, state, message, transition, ...) and where it is written.</summary>
public sealed record IdentifierSyntax(string Text, MaceSpan Span)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}
