using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// An <c>upcalls(handler Name)</c> group of a serviceclass: emitted as interface <c>IName</c> by its
/// declaration. <see cref="IsReused"/> marks a serviceclass's <c>upcalls(handler Name);</c>, bound to
/// the handler declared elsewhere (its interface is not emitted again).
/// </summary>
internal sealed record HandlerSymbol(string Name, ImmutableArray<MethodSymbol> Upcalls, HandlerSyntax Syntax, string DeclaringServiceClass, bool IsReused = false)
{
    /// <summary>True when any upcall has a default body (a <c>NameDefaults</c> class is emitted).</summary>
    public bool HasDefaults => Upcalls.Any(u => u.DefaultBody is not null);
}
