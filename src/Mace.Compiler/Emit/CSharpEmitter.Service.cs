using Mace.Compiler.Binding;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Emit;

internal sealed partial class CSharpEmitter
{
    private BoundService Service => _unit.Service!;

    private void EmitService(BoundService service)
    {
        var name = service.Name;
        _w.WriteLine("// ---- service " + name + " " + new string('-', Math.Max(4, 80 - name.Length)));
        _w.WriteLine();
        var bases = new List<string> { "global::Mace.Runtime.ServiceBase" };
        bases.AddRange(service.Provided.Select(p => "I" + p.Name));
        if (!service.Aspects.IsEmpty) bases.Add("global::Mace.Runtime.IEndOfEventHook");
        _w.WriteLine("public sealed partial class " + name + " : " + string.Join(", ", bases));
        _w.OpenBrace();
        _w.WriteLine("private const global::Mace.Runtime.Tracing.TraceLevel __DeclaredTraceLevel = global::Mace.Runtime.Tracing.TraceLevel." + service.TraceLevel + ";");
        _w.WriteLine();
        _w.WriteLine("// The node's runtime override, else the level the .mace file declares.");
        _w.WriteLine("private global::Mace.Runtime.Tracing.TraceLevel __TraceLevel => Node.TraceLevelOverride ?? __DeclaredTraceLevel;");
        _w.WriteLine();
        _w.WriteLine("public override string ServiceName => " + Quote(name) + ";");
        EmitConstants(service);
        EmitConstructorParameterProperties(service);
        EmitStates(service);
        EmitFields(service);
        EmitConstructor(service);
        EmitInitializeState(service);
        EmitMessages(service);
        EmitUpcallProxy(service);
        EmitLowerHandlers(service);
        EmitLifecycle(service);
        EmitDowncalls(service);
        EmitUpcalls(service);
        EmitSchedulers(service);
        EmitTransitions(service);
        EmitAspects(service);
        EmitDetectors(service);
        EmitRoutines(service);
        EmitProperties(service);
        EmitState(service);
        _w.CloseBrace();
    }

    private void EmitConstants(BoundService service)
    {
        if (service.Syntax.Constants.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// constants");
        foreach (var constant in service.Syntax.Constants)
        {
            var end = constant.Initializer?.Span ?? constant.Name.Span;
            _w.WriteMapped(Slice(constant.Type.Span, end), "public static readonly ", ";");
        }
    }

    private void EmitConstructorParameterProperties(BoundService service)
    {
        if (service.Syntax.ConstructorParameters.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// constructor_parameters");
        foreach (var parameter in service.Syntax.ConstructorParameters)
        {
            _w.WriteMapped(parameter.Type, "public ", " " + parameter.Name.Text + " { get; }");
        }
    }

    private void EmitStates(BoundService service)
    {
        _w.WriteLine();
        _w.WriteLine("// states");
        _w.WriteLine("public enum States");
        _w.OpenBrace();
        foreach (var state in service.States) _w.WriteLine(state + ",");
        _w.CloseBrace();
        _w.WriteLine();
        foreach (var state in service.States) _w.WriteLine("private const States " + state + " = States." + state + ";");
        _w.WriteLine();
        _w.WriteLine("public States state { get; private set; }");
    }

    private void EmitFields(BoundService service)
    {
        if (!service.LowerServices.IsEmpty)
        {
            _w.WriteLine();
            _w.WriteLine("// services");
            foreach (var lower in service.LowerServices)
            {
                _w.WriteLine("private readonly I" + lower.Interface.Name + " __" + lower.Name + "_service;");
                _w.WriteLine("private readonly " + lower.Interface.Name + "Proxy " + lower.Name + ";");
            }
        }
        if (!service.ProvidedHandlers.IsEmpty)
        {
            _w.WriteLine();
            _w.WriteLine("// provided interfaces: registered upper handlers");
            foreach (var handler in service.ProvidedHandlers)
            {
                _w.WriteLine("private readonly global::Mace.Runtime.HandlerRegistry<I" + handler.Name + "> __" + handler.Name + "_handlers = new();");
            }
        }
        if (service.StateVariables.IsEmpty && service.Timers.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// state_variables");
        foreach (var variable in service.StateVariables)
        {
            _w.WriteMapped(variable.Syntax.Type, "public ", " " + variable.Name + " { get; private set; } = default!;");
        }
        foreach (var timer in service.Timers)
        {
            _w.WriteLine("public " + timer.RuntimeType + " " + timer.Name + " { get; }");
        }
    }

    private void EmitConstructor(BoundService service)
    {
        var name = service.Name;
        _w.WriteLine();
        WriteConstructorSignature(service, "public " + name + "(", isConstructor: true);
        _w.WriteLine("    : base(node)");
        _w.OpenBrace();
        foreach (var parameter in service.Syntax.ConstructorParameters)
        {
            var argument = parameter.Name.Text;
            if (IsOptionalArgument(parameter))
            {
                // The argument is renamed so that code copied into the constructor (timer periods, lower
                // services' default arguments) sees the property, which holds the value or the default.
                _w.WriteMapped(parameter.Initializer!, "this." + argument + " = __" + argument + ".HasValue ? __" + argument + ".Value : ", ";");
            }
            else
            {
                _w.WriteLine("this." + argument + " = " + argument + ";");
            }
        }
        foreach (var lower in service.LowerServices)
        {
            var field = lower.Name;
            var fallback = lower.Syntax.DefaultService is { } factory
                ? factory.Text + ".Create(" + Join("node", lower.Syntax.DefaultArguments?.Text.Trim() ?? string.Empty) + ")"
                : "throw new global::System.ArgumentNullException(nameof(" + field + "))";
            _w.WriteLine("__" + field + "_service = " + field + " ?? " + fallback + ";");
            _w.WriteLine("this." + field + " = new " + lower.Interface.Name + "Proxy(__" + field + "_service, global::Mace.Runtime.RegistrationId.For(" + Quote(name) + ", " + Quote(field) + "));");
            var handlers = lower.Interface.AllHandlers.ToList();
            if (handlers.Count == 0) continue;
            _w.WriteLine("var __" + field + "_handler = new __" + field + "_Handler(this);");
            foreach (var handler in handlers)
            {
                _w.WriteLine("__" + field + "_service.Register" + handler.Name + "(this." + field + ".RegistrationId, __" + field + "_handler);");
            }
        }
        foreach (var timer in service.Timers)
        {
            var head = timer.Name + " = new " + timer.RuntimeType + "(this, " + Quote(timer.Name) + ", " + service.Events.First(e => e.Timer == timer).DispatcherName;
            if (timer.Syntax.Recur is { } recur)
            {
                _w.WriteLine(head + ",");
                _w.Indent();
                _w.WriteMapped(recur, suffix: ");");
                _w.Unindent();
            }
            else
            {
                _w.WriteLine(head + ");");
            }
        }
        EmitDetectorConstruction(service);
        _w.WriteLine("__InitializeState();");
        _w.CloseBrace();
        _w.WriteLine();
        WriteConstructorSignature(service, "public static " + name + " Create(", " => new(" + ConstructorArguments(service) + ");");
    }

    private void WriteConstructorSignature(BoundService service, string head, string tail = "", bool isConstructor = false)
    {
        _w.WriteLine(head);
        _w.Indent();
        var last = service.Syntax.ConstructorParameters.IsEmpty && service.LowerServices.IsEmpty;
        _w.WriteLine("global::Mace.Runtime.Node node" + (last ? ")" + tail : ","));
        var parameters = service.Syntax.ConstructorParameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            last = i == parameters.Length - 1 && service.LowerServices.IsEmpty;
            var close = last ? ")" + tail : ",";
            if (IsOptionalArgument(parameter))
            {
                _w.WriteMapped(parameter.Type, "global::Mace.Runtime.Optional<", "> " + (isConstructor ? "__" : string.Empty) + parameter.Name.Text + " = default" + close);
                continue;
            }
            var end = parameter.Initializer?.Span ?? parameter.Name.Span;
            _w.WriteMapped(Slice(parameter.Type.Span, end), suffix: close);
        }
        for (var i = 0; i < service.LowerServices.Length; i++)
        {
            var lower = service.LowerServices[i];
            last = i == service.LowerServices.Length - 1;
            _w.WriteLine("I" + lower.Interface.Name + "? " + lower.Name + " = null" + (last ? ")" + tail : ","));
        }
        _w.Unindent();
    }

    /// <summary>
    /// True when a constructor parameter's default is not a C# constant (a literal, possibly negated,
    /// or <c>default</c>): it cannot be an optional parameter's default, so the parameter becomes an
    /// <c>Optional&lt;T&gt;</c> and the default is evaluated in the constructor.
    /// </summary>
    private static bool IsOptionalArgument(Syntax.VariableSyntax parameter)
    {
        if (parameter.Initializer is not { } initializer) return false;
        var expression = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression(initializer.Text);
        while (expression is Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax unary) expression = unary.Operand;
        while (expression is Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression is not (Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.DefaultExpressionSyntax);
    }

    private static string ConstructorArguments(BoundService service) =>
        string.Join(", ", new[] { "node" }
            .Concat(service.Syntax.ConstructorParameters.Select(p => p.Name.Text))
            .Concat(service.LowerServices.Select(l => l.Name)));

    private void EmitInitializeState(BoundService service)
    {
        _w.WriteLine();
        _w.WriteLine("private void __InitializeState()");
        _w.OpenBrace();
        _w.WriteLine("state = init;");
        foreach (var variable in service.StateVariables)
        {
            if (variable.Syntax.Initializer is { } initializer)
            {
                _w.WriteLine(variable.Name + " =");
                _w.Indent();
                _w.WriteMapped(initializer, suffix: ";");
                _w.Unindent();
            }
            else
            {
                _w.WriteLine(variable.Name + " = default!;");
            }
        }
        foreach (var transition in service.Transitions.Concat(service.Aspects).Where(t => t.Once))
        {
            _w.WriteLine(transition.OnceField + " = false;");
        }
        foreach (var detector in service.Detectors) _w.WriteLine(detector.FieldName + ".Clear();");
        if (!service.WatchedVariables.IsEmpty) _w.WriteLine("__TakeSnapshots();");
        _w.CloseBrace();
    }

    private void EmitRoutines(BoundService service)
    {
        if (service.Syntax.Routines.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// ---- routines");
        foreach (var routine in service.Syntax.Routines)
        {
            _w.WriteMapped(routine);
        }
    }

    private void EmitProperties(BoundService service)
    {
        if (service.Syntax.Properties.IsEmpty) return;
        _w.WriteLine();
        _w.WriteLine("// ---- properties");
        foreach (var property in service.Syntax.Properties)
        {
            _w.WriteLine("public static bool " + property.Name.Text + "(IReadOnlyList<" + service.Name + "> Nodes) =>");
            _w.Indent();
            _w.WriteMapped(property.Expression, suffix: ";");
            _w.Unindent();
            _w.WriteLine();
        }
        _w.WriteLine("public static IReadOnlyList<global::Mace.Runtime.MaceProperty<" + service.Name + ">> Properties { get; } =");
        _w.WriteLine("[");
        _w.Indent();
        foreach (var property in service.Syntax.Properties)
        {
            var kind = property.Kind == PropertyKind.Safety ? "Safety" : "Liveness";
            _w.WriteLine("new(" + Quote(property.Name.Text) + ", global::Mace.Runtime.PropertyKind." + kind + ", " + property.Name.Text + "),");
        }
        _w.Unindent();
        _w.WriteLine("];");
    }
}
