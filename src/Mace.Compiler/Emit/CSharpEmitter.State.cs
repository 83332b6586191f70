using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

internal sealed partial class CSharpEmitter
{
    /// <summary>
    /// <c>WriteState</c> (hashing and cloning: <c>state</c>, then every state variable in its wire
    /// form, or its <c>GetHashCode()</c> when it has none), <c>PrintState</c> and the trace hook.
    /// </summary>
    private void EmitState(BoundService service)
    {
        _w.WriteLine();
        _w.WriteLine("// ---- state: hashing, cloning, printing");
        _w.WriteLine("public override void WriteState(ref " + WriterType + " writer)");
        _w.OpenBrace();
        ResetTemps();
        _w.WriteLine("writer.WriteInt32((int)state);");
        foreach (var variable in service.StateVariables)
        {
            if (variable.Wire is { } wire)
            {
                WriteValue(wire, variable.Name, 0);
            }
            else
            {
                _w.WriteLine("writer.WriteInt32(global::System.Collections.Generic.EqualityComparer<" + variable.Type + ">.Default.GetHashCode(" + variable.Name + "!));");
            }
        }
        foreach (var detector in service.Detectors) _w.WriteLine(detector.FieldName + ".WriteState(ref writer);");
        _w.CloseBrace();
        _w.WriteLine();
        _w.WriteLine("public override string PrintState()");
        _w.OpenBrace();
        _w.WriteLine("var __sb = new global::System.Text.StringBuilder();");
        _w.WriteLine("__sb.Append(" + Quote(service.Name + " state=") + ").Append(state).Append('\\n');");
        foreach (var variable in service.StateVariables)
        {
            _w.WriteLine("__sb.Append(" + Quote("  " + variable.Name + " = ") + ").Append(global::Mace.Runtime.Tracing.StatePrinter.Format(" + variable.Name + ")).Append('\\n');");
        }
        foreach (var detector in service.Detectors)
        {
            _w.WriteLine("__sb.Append(" + Quote("  detect " + detector.Name + " = ") + ").Append(" + detector.FieldName + ").Append('\\n');");
        }
        _w.WriteLine("return __sb.ToString();");
        _w.CloseBrace();
        _w.WriteLine();
        _w.WriteLine("private void __TraceEvent(string eventName, string? details)");
        _w.OpenBrace();
        _w.WriteLine("if (Node.Span is not null) Node.NoteSpanEvent(" + Quote(service.Name) + ", eventName);");
        _w.WriteLine("if (__TraceLevel < global::Mace.Runtime.Tracing.TraceLevel.Low || Node.TraceSink is not { } sink) return;");
        _w.WriteLine("sink.Record(new global::Mace.Runtime.Tracing.TraceRecord(Now, LocalAddress, " + Quote(service.Name) + ", eventName, details,");
        _w.WriteLine("    __TraceLevel >= global::Mace.Runtime.Tracing.TraceLevel.High ? PrintState() : null) { EventId = Node.EventId, Cause = Node.Cause, Path = Node.PathId });");
        _w.CloseBrace();
    }
}
