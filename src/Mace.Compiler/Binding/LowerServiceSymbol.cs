using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>A lower layer in the <c>services</c> block: a field typed by a serviceclass.</summary>
internal sealed record LowerServiceSymbol(string Name, ServiceClassSymbol Interface, LowerServiceSyntax Syntax);
