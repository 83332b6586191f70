namespace Mace.Compiler.Text;

/// <summary>
/// A range of a <c>.mace</c> file: character offsets and 0-based line/column of both ends.
/// Diagnostics and <c>#line</c> directives are built from it.
/// </summary>
public readonly record struct MaceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The offset just past the span.</summary>
    public int End => Start + Length;

    /// <summary>The 1-based <c>(line,col)-(line,col)</c> form used in expected diagnostic files.</summary>
    public override string ToString() => $"({StartLine + 1},{StartColumn + 1})-({EndLine + 1},{EndColumn + 1})";
}
