using Mace.Compiler.Binding;

namespace Mace.Compiler.Emit;

internal sealed partial class CSharpEmitter
{
    private const string WriterType = "global::Mace.Runtime.Serialization.MaceWriter";
    private const string ReaderType = "global::Mace.Runtime.Serialization.MaceReader";

    private void EmitMessages(BoundService service)
    {
        if (!service.AutoTypes.IsEmpty)
        {
            _w.WriteLine();
            _w.WriteLine("// ---- auto_types");
            foreach (var autoType in service.AutoTypes)
            {
                _w.WriteLine();
                EmitRecord(autoType);
            }
        }
        if (!service.Messages.IsEmpty)
        {
            _w.WriteLine();
            _w.WriteLine("// ---- messages");
            foreach (var message in service.Messages)
            {
                _w.WriteLine();
                EmitRecord(message);
            }
        }
    }

    private void EmitRecord(MessageSymbol record)
    {
        var baseList = record.IsAutoType ? string.Empty : " : global::Mace.Runtime.Serialization.IMessage";
        if (record.Fields.IsEmpty)
        {
            _w.WriteLine("public sealed partial record " + record.Name + "()" + baseList);
        }
        else
        {
            _w.WriteLine("public sealed partial record " + record.Name + "(");
            _w.Indent();
            for (var i = 0; i < record.Fields.Length; i++)
            {
                var field = record.Fields[i];
                var last = i == record.Fields.Length - 1;
                _w.WriteMapped(Slice(field.Syntax.Type.Span, field.Syntax.Name.Span), suffix: last ? ")" + baseList : ",");
            }
            _w.Unindent();
        }
        _w.OpenBrace();
        if (record.IsAutoType)
        {
            EmitAutoTypeSerialization(record);
        }
        else
        {
            EmitMessageSerialization(record);
        }
        _w.CloseBrace();
    }

    private void EmitMessageSerialization(MessageSymbol message)
    {
        _w.WriteLine("public const int Tag = " + Invariant(message.Tag) + ";");
        _w.WriteLine();
        // Explicit, so the record's ToString prints the fields only.
        _w.WriteLine("int global::Mace.Runtime.Serialization.IMessage.MessageTag => Tag;");
        _w.WriteLine();
        _w.WriteLine("public void Serialize(ref " + WriterType + " writer)");
        _w.OpenBrace();
        ResetTemps();
        _w.WriteLine("writer.WriteVarUInt32(Tag);");
        foreach (var field in message.Fields) WriteValue(field.Wire!, field.Name, 0);
        _w.CloseBrace();
        _w.WriteLine();
        _w.WriteLine("public static " + message.Name + " Deserialize(ref " + ReaderType + " reader)");
        EmitReadBody(message);
    }

    private void EmitAutoTypeSerialization(MessageSymbol autoType)
    {
        _w.WriteLine("public static void Write(ref " + WriterType + " writer, " + autoType.Name + " value)");
        _w.OpenBrace();
        ResetTemps();
        foreach (var field in autoType.Fields) WriteValue(field.Wire!, "value." + field.Name, 0);
        _w.CloseBrace();
        _w.WriteLine();
        _w.WriteLine("public static " + autoType.Name + " Read(ref " + ReaderType + " reader)");
        EmitReadBody(autoType);
    }

    private void EmitReadBody(MessageSymbol record)
    {
        _w.OpenBrace();
        ResetTemps();
        foreach (var field in record.Fields) ReadValue(field.Wire!, field.Name, 0);
        _w.WriteLine("return new " + record.Name + "(" + string.Join(", ", record.Fields.Select(f => f.Name)) + ");");
        _w.CloseBrace();
    }
}
