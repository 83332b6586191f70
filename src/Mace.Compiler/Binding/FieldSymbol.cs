using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// A typed, named value with a wire form: a message or auto_type field, or a state variable.
/// <see cref="Wire"/> is null when the type is not serializable.
/// </summary>
internal sealed record FieldSymbol(string Name, VariableSyntax Syntax, WireType? Wire)
{
    public string Type => Syntax.Type.Text.Trim();
}
