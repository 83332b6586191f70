using Mace.Compiler.Binding;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Emit;

internal sealed partial class CSharpEmitter
{
    private void EmitServiceClass(ServiceClassSymbol serviceClass)
    {
        if (serviceClass.IsHandlerDeclaration)
        {
            EmitHandlerDeclaration(serviceClass);
            return;
        }
        var name = serviceClass.Name;
        _w.WriteLine("// ---- serviceclass " + name + " " + new string('-', Math.Max(4, 80 - name.Length)));
        _w.WriteLine();
        _w.WriteLine("[global::Mace.Runtime.MaceServiceClass(" + Quote(name) + ", " + Quote(ServiceClassDeclaration.Normalize(_unit, serviceClass)) + ")]");
        var bases = serviceClass.Bases.IsEmpty ? "global::Mace.Runtime.IService" : string.Join(", ", serviceClass.Bases.Select(b => "I" + b.Name));
        _w.WriteLine("public interface I" + name + " : " + bases);
        _w.OpenBrace();
        var first = true;
        foreach (var downcall in serviceClass.Downcalls)
        {
            if (!first) _w.WriteLine();
            first = false;
            var body = downcall.DefaultBody is null ? ";" : " => " + name + "Defaults." + downcall.Name + "(" + Arguments(downcall.Parameters) + ");";
            WriteMethodSignature(downcall, downcall.ReturnType + " " + downcall.Name + "(int registrationId", ")" + body);
        }
        foreach (var handler in serviceClass.Handlers)
        {
            if (!first) _w.WriteLine();
            first = false;
            _w.WriteLine("void Register" + handler.Name + "(int registrationId, I" + handler.Name + " handler);");
        }
        _w.CloseBrace();

        if (serviceClass.Downcalls.Any(d => d.DefaultBody is not null))
        {
            _w.WriteLine();
            EmitDefaults(name + "Defaults", serviceClass.Downcalls);
        }
        foreach (var handler in serviceClass.Handlers.Where(h => !h.IsReused))
        {
            _w.WriteLine();
            EmitHandlerInterface(handler);
            if (handler.HasDefaults)
            {
                _w.WriteLine();
                EmitDefaults(handler.Name + "Defaults", handler.Upcalls);
            }
        }
        _w.WriteLine();
        EmitProxy(serviceClass);
    }

    /// <summary>A top-level <c>handler H { ... }</c>: interface <c>IH</c> (carrying its declaration for other projects) and <c>HDefaults</c>.</summary>
    private void EmitHandlerDeclaration(ServiceClassSymbol declaration)
    {
        var handler = declaration.Handlers[0];
        _w.WriteLine("// ---- handler " + handler.Name + " " + new string('-', Math.Max(4, 80 - handler.Name.Length)));
        _w.WriteLine();
        _w.WriteLine("[global::Mace.Runtime.MaceServiceClass(" + Quote(declaration.Name) + ", " + Quote(ServiceClassDeclaration.Normalize(_unit, declaration)) + ")]");
        EmitHandlerInterface(handler);
        if (handler.HasDefaults)
        {
            _w.WriteLine();
            EmitDefaults(handler.Name + "Defaults", handler.Upcalls);
        }
    }

    /// <summary>Writes a method signature whose parameter list is copied from the <c>.mace</c> file under <c>#line</c>.</summary>
    private void WriteMethodSignature(MethodSymbol method, string head, string tail)
    {
        var parameters = method.Syntax.Parameters;
        if (parameters.IsEmpty)
        {
            _w.WriteLine(head + tail);
            return;
        }
        var separator = head.EndsWith("(", StringComparison.Ordinal) ? string.Empty : ", ";
        _w.WriteMapped(Slice(parameters[0].Span, parameters[parameters.Length - 1].Span), head + separator, tail);
    }

    private void EmitHandlerInterface(HandlerSymbol handler)
    {
        _w.WriteLine("public interface I" + handler.Name);
        _w.OpenBrace();
        var first = true;
        foreach (var upcall in handler.Upcalls)
        {
            if (!first) _w.WriteLine();
            first = false;
            var body = upcall.DefaultBody is null ? ";" : " => " + handler.Name + "Defaults." + upcall.Name + "(" + Arguments(upcall.Parameters) + ");";
            WriteMethodSignature(upcall, upcall.ReturnType + " " + upcall.Name + "(", ")" + body);
        }
        _w.CloseBrace();
    }

    private void EmitDefaults(string className, IEnumerable<MethodSymbol> methods)
    {
        _w.WriteLine("public static class " + className);
        _w.OpenBrace();
        var first = true;
        foreach (var method in methods)
        {
            if (method.DefaultBody is not { } body) continue;
            if (!first) _w.WriteLine();
            first = false;
            _w.WriteLine("public static " + method.ReturnType + " " + method.Name + "(" + Parameters(method.Parameters) + ")");
            _w.WriteMapped(body);
        }
        _w.CloseBrace();
    }

    private void EmitProxy(ServiceClassSymbol serviceClass)
    {
        var name = serviceClass.Name;
        _w.WriteLine("public readonly struct " + name + "Proxy");
        _w.OpenBrace();
        _w.WriteLine("public " + name + "Proxy(I" + name + " target, int registrationId)");
        _w.OpenBrace();
        _w.WriteLine("Target = target;");
        _w.WriteLine("RegistrationId = registrationId;");
        _w.CloseBrace();
        _w.WriteLine();
        _w.WriteLine("public I" + name + " Target { get; }");
        _w.WriteLine();
        _w.WriteLine("public int RegistrationId { get; }");
        foreach (var downcall in serviceClass.AllDowncalls)
        {
            _w.WriteLine();
            var call = "Target." + downcall.Name + "(" + Join("RegistrationId", Arguments(downcall.Parameters)) + ");";
            _w.WriteLine("public " + downcall.ReturnType + " " + downcall.Name + "(" + ParametersWithDefaults(downcall.Parameters) + ") => " + call);
            if (downcall.HasPayloadSlot)
            {
                _w.WriteLine();
                _w.WriteLine("public " + downcall.ReturnType + " " + downcall.Name + "(" + MessageParameters(downcall.Parameters) + ") => " +
                    "Target." + downcall.Name + "(" + Join("RegistrationId", MessageArguments(downcall.Parameters)) + ");");
            }
        }
        _w.CloseBrace();
    }

    private static string ParametersWithDefaults(IEnumerable<ParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => p.Type + " " + p.Name + (p.Syntax?.Default is { } d ? " = " + d.Text.Trim() : string.Empty)));

    /// <summary>Parameters with every payload slot typed <c>IMessage</c>.</summary>
    private static string MessageParameters(IEnumerable<ParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => (p.IsPayloadSlot ? "global::Mace.Runtime.Serialization.IMessage" : p.Type) + " " + p.Name));

    /// <summary>Arguments with every payload slot wrapped by <c>Payload.FromMessage</c>.</summary>
    private static string MessageArguments(IEnumerable<ParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => p.IsPayloadSlot ? "global::Mace.Runtime.Payload.FromMessage(" + p.Name + ")" : p.Name));
}
