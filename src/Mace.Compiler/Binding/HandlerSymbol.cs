using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>An <c>upcalls(handler Name)</c> group of a serviceclass: emitted as interface <c>IName</c>.</summary>
internal sealed record HandlerSymbol(string Name, ImmutableArray<MethodSymbol> Upcalls, HandlerSyntax Syntax, string DeclaringServiceClass)
{
    /// <summary>True when any upcall has a default body (a <c>NameDefaults</c> class is emitted).</summary>
    public bool HasDefaults => Upcalls.Any(u => u.DefaultBody is not null);
}
