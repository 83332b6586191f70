using System.Collections.Immutable;
using Mace.Compiler.Diagnostics;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// Binds a parsed file against itself and its referenced serviceclass declarations: resolves
/// serviceclasses, the service's members, events and transitions, and runs every MACE2xxx/MACE3xxx
/// check. Reports and goes on; the emitter runs only when no error was reported.
/// </summary>
internal sealed partial class Binder
{
    private readonly CompilationUnitSyntax _unit;
    private readonly ImmutableArray<CompilationUnitSyntax> _references;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, ServiceClassSymbol> _serviceClasses = new(StringComparer.Ordinal);

    private Binder(CompilationUnitSyntax unit, ImmutableArray<CompilationUnitSyntax> references, DiagnosticBag diagnostics)
    {
        _unit = unit;
        _references = references;
        _diagnostics = diagnostics;
    }

    /// <summary>Binds <paramref name="unit"/>; <paramref name="references"/> contribute serviceclasses only.</summary>
    public static BoundUnit Bind(CompilationUnitSyntax unit, ImmutableArray<CompilationUnitSyntax> references, DiagnosticBag diagnostics, string defaultNamespace)
    {
        var binder = new Binder(unit, references.IsDefault ? ImmutableArray<CompilationUnitSyntax>.Empty : references, diagnostics);
        var local = binder.BindServiceClasses();
        var service = unit.Service is null ? null : binder.BindService(unit.Service);
        var ns = unit.Namespace?.Text.Trim() is { Length: > 0 } name ? name : defaultNamespace;
        return new BoundUnit(unit, ns, binder.ReferencedUsings(ns), local, service);
    }

    private ImmutableArray<ServiceClassSymbol> BindServiceClasses()
    {
        var local = ImmutableArray.CreateBuilder<ServiceClassSymbol>();
        var handlerNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var syntax in _unit.ServiceClasses)
        {
            var symbol = CreateServiceClass(syntax, null, isReferenced: false, _diagnostics);
            if (_serviceClasses.ContainsKey(symbol.Name))
            {
                _diagnostics.ReportDuplicateName(syntax.Name.Span, symbol.Name, "serviceclass");
                continue;
            }
            foreach (var handler in symbol.Handlers)
            {
                if (!handler.Syntax.IsReference && !handlerNames.Add(handler.Name)) _diagnostics.ReportDuplicateName(handler.Syntax.Name.Span, handler.Name, "handler");
            }
            _serviceClasses.Add(symbol.Name, symbol);
            local.Add(symbol);
        }

        // A local declaration wins over a referenced copy of the same name.
        foreach (var reference in _references)
        {
            var ns = reference.Namespace?.Text.Trim();
            foreach (var syntax in reference.ServiceClasses)
            {
                if (_serviceClasses.ContainsKey(syntax.Name.Text)) continue;
                _serviceClasses.Add(syntax.Name.Text, CreateServiceClass(syntax, ns, isReferenced: true, diagnostics: null));
            }
        }

        foreach (var symbol in _serviceClasses.Values) ResolveBases(symbol);
        foreach (var symbol in _serviceClasses.Values) ResolveReusedHandlers(symbol, local.Contains(symbol) ? _diagnostics : null);
        return local.ToImmutable();
    }

    /// <summary>Binds each <c>upcalls(handler H);</c> of <paramref name="symbol"/> to the handler <c>H</c> declared elsewhere (MACE2025 when there is none).</summary>
    private void ResolveReusedHandlers(ServiceClassSymbol symbol, DiagnosticBag? diagnostics)
    {
        if (!symbol.Handlers.Any(h => h.Syntax.IsReference)) return;
        var resolved = ImmutableArray.CreateBuilder<HandlerSymbol>(symbol.Handlers.Length);
        foreach (var handler in symbol.Handlers)
        {
            if (!handler.Syntax.IsReference)
            {
                resolved.Add(handler);
                continue;
            }
            var declared = _serviceClasses.Values
                .SelectMany(s => s.Handlers)
                .FirstOrDefault(h => h.Name == handler.Name && !h.Syntax.IsReference && !h.IsReused);
            if (declared is null)
            {
                diagnostics?.ReportUnknownHandler(handler.Syntax.Name.Span, handler.Name, symbol.Name);
                continue;
            }
            resolved.Add(declared with { Syntax = handler.Syntax, IsReused = true });
        }
        symbol.Handlers = resolved.ToImmutable();
    }

    private static ServiceClassSymbol CreateServiceClass(ServiceClassSyntax syntax, string? ns, bool isReferenced, DiagnosticBag? diagnostics)
    {
        var name = syntax.Name.Text;
        var downcalls = BindMethods(syntax.Downcalls, name, null, diagnostics);
        var handlers = syntax.Handlers
            .Select(h => new HandlerSymbol(h.Name.Text, BindMethods(h.Upcalls, name, h.Name.Text, diagnostics), h, name))
            .ToImmutableArray();
        return new ServiceClassSymbol(name, downcalls, handlers, syntax, ns, isReferenced);
    }

    private static ImmutableArray<MethodSymbol> BindMethods(ImmutableArray<MethodDeclarationSyntax> methods, string serviceClass, string? handler, DiagnosticBag? diagnostics)
    {
        var result = ImmutableArray.CreateBuilder<MethodSymbol>(methods.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            var parameters = method.Parameters.Select(p => new ParameterSymbol(p.Type.Text.Trim(), p.Name.Text, p)).ToImmutableArray();
            var symbol = new MethodSymbol(method.Name.Text, method.ReturnType.Text.Trim(), parameters, method, serviceClass, handler);
            if (!seen.Add(symbol.SignatureKey))
            {
                diagnostics?.ReportDuplicateName(method.Name.Span, method.Name.Text, handler is null ? "downcall" : "upcall");
                continue;
            }
            CheckDuplicateParameters(method.Parameters, diagnostics);
            result.Add(symbol);
        }
        return result.ToImmutable();
    }

    private static void CheckDuplicateParameters(ImmutableArray<ParameterSyntax> parameters, DiagnosticBag? diagnostics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (!names.Add(parameter.Name.Text)) diagnostics?.ReportDuplicateName(parameter.Name.Span, parameter.Name.Text, "parameter");
        }
    }

    private void ResolveBases(ServiceClassSymbol symbol)
    {
        var bases = ImmutableArray.CreateBuilder<ServiceClassSymbol>();
        foreach (var name in symbol.Syntax.Bases)
        {
            if (_serviceClasses.TryGetValue(name.Text, out var resolved))
            {
                if (!symbol.IsReferenced && InheritsFrom(resolved, symbol.Name))
                {
                    _diagnostics.ReportCyclicServiceClass(name.Span, symbol.Name);
                    continue;
                }
                bases.Add(resolved);
            }
            else if (!symbol.IsReferenced)
            {
                _diagnostics.ReportUnknownBaseServiceClass(name.Span, name.Text);
            }
        }
        symbol.Bases = bases.ToImmutable();
    }

    private bool InheritsFrom(ServiceClassSymbol symbol, string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<ServiceClassSymbol>();
        stack.Push(symbol);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current.Name == name) return true;
            if (!seen.Add(current.Name)) continue;
            foreach (var b in current.Syntax.Bases)
            {
                if (_serviceClasses.TryGetValue(b.Text, out var next)) stack.Push(next);
            }
        }
        return false;
    }

    /// <summary>The namespaces and usings of referenced declarations, for the generated file.</summary>
    private ImmutableArray<string> ReferencedUsings(string ownNamespace)
    {
        var result = new List<string>();
        foreach (var reference in _references)
        {
            if (!reference.ServiceClasses.Any(s => _serviceClasses.TryGetValue(s.Name.Text, out var symbol) && symbol.IsReferenced)) continue;
            if (reference.Namespace?.Text.Trim() is { Length: > 0 } ns && ns != ownNamespace && !result.Contains(ns)) result.Add(ns);
            foreach (var u in reference.Usings)
            {
                var text = u.Text.Trim();
                if (!result.Contains(text)) result.Add(text);
            }
        }
        return result.ToImmutableArray();
    }
}
