using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>A timer state variable; its type arguments are the arguments of its scheduler transitions.</summary>
internal sealed record TimerSymbol(string Name, ImmutableArray<string> TypeArguments, TimerSyntax Syntax)
{
    /// <summary>The runtime timer type.</summary>
    public string RuntimeType => TypeArguments.IsEmpty
        ? "global::Mace.Runtime.Timers.MaceTimer"
        : "global::Mace.Runtime.Timers.MaceTimer<" + string.Join(", ", TypeArguments) + ">";
}
