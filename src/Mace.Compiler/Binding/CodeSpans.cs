using Mace.Compiler.Syntax;
using Mace.Compiler.Text;

namespace Mace.Compiler.Binding;

/// <summary>Maps offsets inside embedded C# back to <c>.mace</c> spans.</summary>
internal static class CodeSpans
{
    /// <summary>The span of <paramref name="length"/> characters at <paramref name="offset"/> within <paramref name="code"/>.</summary>
    public static MaceSpan Map(CSharpCodeSyntax code, int offset, int length)
    {
        offset = Math.Max(0, Math.Min(offset, code.Text.Length));
        length = Math.Max(0, Math.Min(length, code.Text.Length - offset));
        var (startLine, startColumn) = Advance(code.Text, 0, offset, code.Span.StartLine, code.Span.StartColumn);
        var (endLine, endColumn) = Advance(code.Text, offset, offset + length, startLine, startColumn);
        return new MaceSpan(code.Span.Start + offset, length, startLine, startColumn, endLine, endColumn);
    }

    private static (int Line, int Column) Advance(string text, int from, int to, int line, int column)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 0;
            }
            else if (text[i] != '\r')
            {
                column++;
            }
        }
        return (line, column);
    }
}
