using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>A downcall or upcall declared by a serviceclass, with its optional default body.</summary>
internal sealed record MethodSymbol(
    string Name,
    string ReturnType,
    ImmutableArray<ParameterSymbol> Parameters,
    MethodDeclarationSyntax Syntax,
    string DeclaringServiceClass,
    string? Handler)
{
    /// <summary>The default body, run when no transition matched.</summary>
    public CSharpCodeSyntax? DefaultBody => Syntax.DefaultBody;

    /// <summary>True when the method returns nothing.</summary>
    public bool IsVoid => ReturnType == "void";

    /// <summary>True when any parameter is a message slot.</summary>
    public bool HasPayloadSlot => Parameters.Any(p => p.IsPayloadSlot);

    /// <summary>A key that identifies the method's signature: name and normalized parameter types.</summary>
    public string SignatureKey => Name + "(" + string.Join(",", Parameters.Select(p => TypeText.Normalize(p.Type))) + ")";
}
