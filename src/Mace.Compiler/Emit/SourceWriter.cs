using System.Globalization;
using System.Text;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Emit;

/// <summary>
/// An indented text writer for generated C#: LF line endings, four-space indents, and
/// <see cref="WriteMapped"/> for user C# copied under an enhanced <c>#line</c> directive so that
/// Roslyn reports errors in it at the <c>.mace</c> line and column.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private readonly string _path;
    private int _indent;

    public SourceWriter(string path)
    {
        _path = path;
    }

    public string IndentText => new(' ', _indent * 4);

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    /// <summary>Writes a blank line, unless the previous line is blank or opens a block.</summary>
    public void WriteLine()
    {
        var length = _builder.Length;
        if (length == 0) return;
        if (length >= 2 && _builder[length - 1] == '\n' && (_builder[length - 2] == '\n' || _builder[length - 2] == '{')) return;
        _builder.Append('\n');
    }

    public void WriteLine(string line)
    {
        if (line.Length > 0) _builder.Append(' ', _indent * 4);
        _builder.Append(line).Append('\n');
    }

    /// <summary>Writes a line without indentation (preprocessor directives).</summary>
    public void WriteDirective(string line) => _builder.Append(line).Append('\n');

    public void OpenBrace()
    {
        WriteLine("{");
        _indent++;
    }

    public void CloseBrace(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    /// <summary>
    /// Writes <paramref name="prefix"/>, the code and <paramref name="suffix"/> on the current
    /// indentation, mapped to the code's <c>.mace</c> span. Lines after the first are copied
    /// verbatim, so their columns are the <c>.mace</c> columns.
    /// </summary>
    public void WriteMapped(CSharpCodeSyntax code, string prefix = "", string suffix = "")
    {
        var span = code.Span;
        // Roslyn needs a character offset of at least 1: never map from column 0.
        var lead = IndentText + prefix;
        if (lead.Length == 0) lead = " ";
        WriteDirective(string.Format(
            CultureInfo.InvariantCulture,
            "#line ({0}, {1}) - ({2}, {3}) {4} \"{5}\"",
            span.StartLine + 1,
            span.StartColumn + 1,
            span.EndLine + 1,
            span.EndColumn + 1,
            lead.Length,
            Binding.TypeText.EscapeString(_path)));
        _builder.Append(lead).Append(code.Text.Replace("\r\n", "\n").Replace('\r', '\n')).Append(suffix).Append('\n');
        WriteDirective("#line default");
    }

    public override string ToString() => _builder.ToString();
}
