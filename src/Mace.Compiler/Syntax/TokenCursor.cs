using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

/// <summary>
/// A forward cursor over the Roslyn tokens of a whole <c>.mace</c> file. The last token is always
/// <see cref="SyntaxKind.EndOfFileToken"/>; reading past it keeps returning it, so no parse loop can
/// run off the end.
/// </summary>
internal sealed class TokenCursor
{
    private readonly SyntaxToken[] _tokens;
    private int _position;

    public TokenCursor(SyntaxToken[] tokens)
    {
        _tokens = tokens;
    }

    /// <summary>Index of <see cref="Current"/>; parse loops compare it to detect lack of progress.</summary>
    public int Position => _position;

    public SyntaxToken Current => Peek(0);

    public bool IsAtEnd => Current.IsKind(SyntaxKind.EndOfFileToken);

    public bool HasPrevious => _position > 0;

    /// <summary>The last consumed token (only meaningful when <see cref="HasPrevious"/>).</summary>
    public SyntaxToken Previous => _tokens[Math.Max(0, _position - 1)];

    public SyntaxToken Peek(int offset)
    {
        var index = _position + offset;
        return index < _tokens.Length ? _tokens[index] : _tokens[_tokens.Length - 1];
    }

    /// <summary>The token before <see cref="Peek(int)"/>'s, or default at the start of the file.</summary>
    public SyntaxToken Before(int offset)
    {
        var index = _position + offset - 1;
        return index >= 0 && index < _tokens.Length ? _tokens[index] : default;
    }

    public SyntaxToken Next()
    {
        var token = Current;
        if (!IsAtEnd)
        {
            _position++;
        }

        return token;
    }
}
