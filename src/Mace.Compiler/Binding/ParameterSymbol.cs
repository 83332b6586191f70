using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>A parameter of a serviceclass method, an event or a transition: its C# type text and name.</summary>
internal sealed record ParameterSymbol(string Type, string Name, ParameterSyntax? Syntax)
{
    /// <summary>True for a <c>Payload</c> parameter: a message slot.</summary>
    public bool IsPayloadSlot => TypeText.IsPayload(Type);
}
