using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// A serviceclass: declared in this file (emitted) or referenced (from another project; only used).
/// <see cref="Bases"/> is filled once every serviceclass is known.
/// </summary>
internal sealed class ServiceClassSymbol
{
    public ServiceClassSymbol(
        string name,
        ImmutableArray<MethodSymbol> downcalls,
        ImmutableArray<HandlerSymbol> handlers,
        ServiceClassSyntax syntax,
        string? @namespace,
        bool isReferenced)
    {
        Name = name;
        Downcalls = downcalls;
        Handlers = handlers;
        Syntax = syntax;
        Namespace = @namespace;
        IsReferenced = isReferenced;
    }

    public string Name { get; }

    public ImmutableArray<MethodSymbol> Downcalls { get; }

    /// <summary>The serviceclass's handlers; reused ones (<c>upcalls(handler H);</c>) are bound once every declaration is known.</summary>
    public ImmutableArray<HandlerSymbol> Handlers { get; set; }

    /// <summary>True for a top-level <c>handler H { ... }</c>: it declares interface <c>IH</c> only and cannot be provided or used as a layer.</summary>
    public bool IsHandlerDeclaration => Syntax.IsHandlerDeclaration;

    public ServiceClassSyntax Syntax { get; }

    /// <summary>The namespace of a referenced serviceclass (null when it has none or is local).</summary>
    public string? Namespace { get; }

    public bool IsReferenced { get; }

    public ImmutableArray<ServiceClassSymbol> Bases { get; set; } = ImmutableArray<ServiceClassSymbol>.Empty;

    /// <summary>The serviceclass and every base, each once, most derived first.</summary>
    public IEnumerable<ServiceClassSymbol> SelfAndBases()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<ServiceClassSymbol>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current.Name)) continue;
            yield return current;
            for (var i = current.Bases.Length - 1; i >= 0; i--) stack.Push(current.Bases[i]);
        }
    }

    /// <summary>Every downcall, own and inherited.</summary>
    public IEnumerable<MethodSymbol> AllDowncalls => SelfAndBases().SelectMany(s => s.Downcalls);

    /// <summary>Every handler, own and inherited.</summary>
    public IEnumerable<HandlerSymbol> AllHandlers => SelfAndBases().SelectMany(s => s.Handlers);

    public override string ToString() => Name;
}
