using Mace.Compiler.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// Token tests, positions and the Minsk-style match/report helpers.
public sealed partial class Parser
{
    private static readonly HashSet<string> s_blockNames = new(StringComparer.Ordinal)
    {
        "constants", "constructor_parameters", "services", "states", "typedefs", "auto_types", "messages",
        "state_variables", "transitions", "routines", "properties", "detect",
    };

    private static bool IsBlockName(string text) => s_blockNames.Contains(text);

    private static bool IsWord(SyntaxToken token, string word) =>
        token.IsKind(SyntaxKind.IdentifierToken) && token.Text == word;

    private static bool IsAny(SyntaxToken token, SyntaxKind a, SyntaxKind b, SyntaxKind c) =>
        token.IsKind(a) || token.IsKind(b) || token.IsKind(c);

    private static bool IsTransitionKind(SyntaxToken token) =>
        IsWord(token, "downcall") || IsWord(token, "upcall") || IsWord(token, "scheduler") || IsWord(token, "aspect");

    /// <summary>
    /// True at a token that can only begin a top-level construct: a block keyword before <c>{</c>,
    /// <c>service</c>/<c>serviceclass</c> before a name, <c>using</c> or <c>namespace</c>. Entry loops
    /// stop there, so a missing <c>}</c> costs one error instead of swallowing the next block.
    /// </summary>
    private bool IsTopLevelStart() => IsTopLevelStart(0);

    private bool IsTopLevelStart(int offset)
    {
        var token = _tokens.Peek(offset);
        var next = _tokens.Peek(offset + 1);
        if (token.IsKind(SyntaxKind.IdentifierToken))
        {
            return (IsBlockName(token.Text) && next.IsKind(SyntaxKind.OpenBraceToken))
                || ((token.Text == "service" || token.Text == "serviceclass" || token.Text == "handler") && next.IsKind(SyntaxKind.IdentifierToken));
        }

        // `using var x = ...;` is a statement; `using A.B;`, `using A = B;`, `using static A;` are directives.
        var afterName = _tokens.Peek(offset + 2);
        return token.IsKind(SyntaxKind.NamespaceKeyword)
            || (token.IsKind(SyntaxKind.UsingKeyword)
                && (next.IsKind(SyntaxKind.StaticKeyword)
                    || (next.IsKind(SyntaxKind.IdentifierToken) && (afterName.IsKind(SyntaxKind.DotToken) || afterName.IsKind(SyntaxKind.SemicolonToken) || afterName.IsKind(SyntaxKind.EqualsToken)))));
    }

    /// <summary>True when the token at <paramref name="offset"/> is the first on its line.</summary>
    private bool IsFirstOnLine(int offset)
    {
        var before = _tokens.Before(offset);
        if (before.RawKind == 0)
        {
            return true;
        }

        return LineOf(before.Span.End) != LineOf(_tokens.Peek(offset).SpanStart);
    }

    private int LineOf(int position) => _source.Lines.GetLineFromPosition(Clamp(position)).LineNumber;

    private int Clamp(int position) => Math.Max(0, Math.Min(_text.Length, position));

    /// <summary>Guarantees loop progress: consumes one token if the loop body consumed none.</summary>
    private void EnsureProgress(int start)
    {
        if (_tokens.Position == start)
        {
            _tokens.Next();
        }
    }

    private MaceSpan SpanOf(int start, int end)
    {
        start = Clamp(start);
        end = Math.Max(start, Clamp(end));
        var first = _source.Lines.GetLinePosition(start);
        var last = _source.Lines.GetLinePosition(end);
        return new MaceSpan(start, end - start, first.Line, first.Character, last.Line, last.Character);
    }

    private MaceSpan SpanOf(SyntaxToken token) => SpanOf(token.SpanStart, token.Span.End);

    private CSharpCodeSyntax Code(int start, int end)
    {
        start = Clamp(start);
        end = Math.Max(start, Clamp(end));
        return new CSharpCodeSyntax(_text.Substring(start, end - start), SpanOf(start, end));
    }

    private IdentifierSyntax Identifier(SyntaxToken token) => new(token.Text, SpanOf(token));

    /// <summary>Consumes <paramref name="kind"/>, or reports it missing and consumes nothing.</summary>
    private bool Match(SyntaxKind kind)
    {
        if (_tokens.Current.IsKind(kind))
        {
            _tokens.Next();
            return true;
        }

        ReportExpected($"'{SyntaxFacts.GetText(kind)}'", afterPrevious: true);
        return false;
    }

    private bool MatchSemicolon() => Match(SyntaxKind.SemicolonToken);

    private bool MatchWord(string word)
    {
        if (IsWord(_tokens.Current, word))
        {
            _tokens.Next();
            return true;
        }

        ReportExpected($"'{word}'");
        return false;
    }

    private IdentifierSyntax MatchIdentifier(string what)
    {
        if (_tokens.Current.IsKind(SyntaxKind.IdentifierToken))
        {
            return Identifier(_tokens.Next());
        }

        return ReportExpectedIdentifier(what);
    }

    /// <summary>Reports a missing name and fabricates an empty one where it should have been.</summary>
    private IdentifierSyntax ReportExpectedIdentifier(string what)
    {
        var span = ReportExpected(what);
        return new IdentifierSyntax(string.Empty, SpanOf(span.Start, span.Start));
    }

    /// <summary>
    /// Reports "expected X but found Y" at the current token; a missing punctuation token
    /// (<paramref name="afterPrevious"/>) on a later line, or anything at the end of the file, is
    /// reported just after the previous token, where a forgotten <c>;</c> belongs.
    /// </summary>
    private MaceSpan ReportExpected(string expected, bool afterPrevious = false)
    {
        var current = _tokens.Current;
        var span = _tokens.HasPrevious && (_tokens.IsAtEnd || (afterPrevious && LineOf(_tokens.Previous.Span.End) != LineOf(current.SpanStart)))
            ? SpanOf(_tokens.Previous.Span.End, _tokens.Previous.Span.End)
            : SpanOf(current);
        if (ShouldReport(span.Start))
        {
            _diagnostics.ReportExpected(span, expected, Describe(current));
        }

        return span;
    }

    private void ReportUnexpected()
    {
        // A bad character is reported once, by the lexer pass, with Roslyn's message.
        var current = _tokens.Current;
        if (!current.IsKind(SyntaxKind.BadToken) && ShouldReport(current.SpanStart))
        {
            _diagnostics.ReportUnexpectedToken(SpanOf(current), Shorten(current.Text));
        }
    }

    /// <summary>One syntax error per position: a fabricated token must not cascade into a second report.</summary>
    private bool ShouldReport(int position)
    {
        if (position == _lastErrorPosition)
        {
            return false;
        }

        _lastErrorPosition = position;
        _syntaxErrorPositions.Add(position);
        return true;
    }

    private static string Describe(SyntaxToken token) =>
        token.IsKind(SyntaxKind.EndOfFileToken) ? "end of file" : $"'{Shorten(token.Text)}'";

    private static string Shorten(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        if (newline >= 0)
        {
            text = text.Substring(0, newline) + "...";
        }

        return text.Length > 40 ? text.Substring(0, 40) + "..." : text;
    }
}
