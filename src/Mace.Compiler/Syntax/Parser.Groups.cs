using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// Bracket groups, slices of embedded C# and skipping to synchronizing points.
public sealed partial class Parser
{
    /// <summary>
    /// A consumed bracket group: offsets of the opener's start and of the closer's end (or of the last
    /// consumed token when it is not closed).
    /// </summary>
    private readonly record struct Group(int Start, int End, bool Closed)
    {
        /// <summary>Start of the text inside the brackets.</summary>
        public int InnerStart => Start + 1;

        /// <summary>End of the text inside the brackets.</summary>
        public int InnerEnd => Closed ? End - 1 : End;
    }

    private static bool IsOpener(SyntaxKind kind) =>
        kind is SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken;

    private static bool IsCloser(SyntaxKind kind) =>
        kind is SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken;

    private static SyntaxKind CloserOf(SyntaxKind opener) => opener switch
    {
        SyntaxKind.OpenParenToken => SyntaxKind.CloseParenToken,
        SyntaxKind.OpenBracketToken => SyntaxKind.CloseBracketToken,
        _ => SyntaxKind.CloseBraceToken,
    };

    /// <summary>
    /// Consumes the group opened by the current token (<c>(</c>, <c>[</c> or <c>{</c>) up to its
    /// matching closer. A brace group ends early at a line that can only start a new transition or
    /// block (a lost <c>}</c>); a parenthesis or bracket group ends early at a stray <c>}</c> or a
    /// <c>;</c> outside braces. An unclosed group is reported (MACE1010) at its opener.
    /// </summary>
    private Group ReadGroup(bool reportUnclosed = true)
    {
        var open = _tokens.Next();
        var outer = open.Kind();
        var stack = new Stack<SyntaxKind>();
        stack.Push(CloserOf(outer));
        var braces = outer == SyntaxKind.OpenBraceToken ? 1 : 0;
        var end = open.Span.End;
        while (!_tokens.IsAtEnd)
        {
            var token = _tokens.Current;
            var kind = token.Kind();
            if (IsOpener(kind))
            {
                stack.Push(CloserOf(kind));
                braces += kind == SyntaxKind.OpenBraceToken ? 1 : 0;
            }
            else if (IsCloser(kind))
            {
                if (stack.Peek() == kind || stack.Contains(kind))
                {
                    while (stack.Pop() != kind)
                    {
                    }

                    braces -= kind == SyntaxKind.CloseBraceToken ? 1 : 0;
                    end = _tokens.Next().Span.End;
                    if (stack.Count == 0)
                    {
                        return new Group(open.SpanStart, end, Closed: true);
                    }

                    continue;
                }

                if (kind == SyntaxKind.CloseBraceToken)
                {
                    break;
                }
            }
            else if (outer != SyntaxKind.OpenBraceToken && braces == 0 && kind == SyntaxKind.SemicolonToken)
            {
                break;
            }
            else if (outer != SyntaxKind.OpenBraceToken && stack.Count == 1 && kind == SyntaxKind.OpenBraceToken && EndsGuardLine())
            {
                // `(ready {` at the end of a line: the guard lost its `)`; the block is not part of it.
                break;
            }
            else if (outer == SyntaxKind.OpenBraceToken && IsFirstOnLine(0) && (IsTopLevelStart() || StartsTransition()))
            {
                break;
            }

            end = _tokens.Next().Span.End;
        }

        _unclosedGroups.Add(open.SpanStart);
        if (reportUnclosed && ShouldReport(open.SpanStart))
        {
            _diagnostics.ReportUnclosed(SpanOf(open), open.Text);
        }

        return new Group(open.SpanStart, end, Closed: false);
    }

    /// <summary>The current <c>{</c> follows a name or <c>)</c> and ends its line, as after a guard.</summary>
    private bool EndsGuardLine()
    {
        var before = _tokens.Before(0);
        return (before.IsKind(SyntaxKind.IdentifierToken) || before.IsKind(SyntaxKind.CloseParenToken))
            && (_tokens.Peek(1).IsKind(SyntaxKind.EndOfFileToken) || IsFirstOnLine(1));
    }

    /// <summary>A line that reads <c>downcall Name</c>, <c>upcall Name</c>, <c>scheduler Name</c> or <c>aspect&lt;</c>.</summary>
    private bool StartsTransition()
    {
        var token = _tokens.Current;
        var next = _tokens.Peek(1);
        return IsTransitionKind(token)
            && (token.Text == "aspect" ? next.IsKind(SyntaxKind.LessThanToken) : next.IsKind(SyntaxKind.IdentifierToken) && _tokens.Peek(2).IsKind(SyntaxKind.OpenParenToken));
    }

    /// <summary>
    /// Consumes C# up to (not including) the next <c>;</c>, <c>}</c> or end of file outside brackets.
    /// Returns the offsets of the consumed text (empty when nothing was consumed).
    /// </summary>
    private (int Start, int End) ReadUntilSemicolon()
    {
        var start = _tokens.Current.SpanStart;
        var end = start;
        while (!IsAny(_tokens.Current, SyntaxKind.SemicolonToken, SyntaxKind.CloseBraceToken, SyntaxKind.EndOfFileToken))
        {
            if (end != start && IsFirstOnLine(0) && IsTopLevelStart())
            {
                break;
            }

            var isBrace = _tokens.Current.IsKind(SyntaxKind.OpenBraceToken);
            end = IsOpener(_tokens.Current.Kind()) ? ReadGroup().End : _tokens.Next().Span.End;

            // `int A { get; }` then a new line: the declaration ended at its brace, not at a `;`.
            if (isBrace && !_tokens.Current.IsKind(SyntaxKind.SemicolonToken) && IsFirstOnLine(0))
            {
                break;
            }
        }

        return (start, end);
    }

    /// <summary>
    /// Consumes one C# member: up to and including its top-level <c>;</c>, or its top-level
    /// <c>{...}</c> body (with a following <c>;</c>, or <c>= value;</c> of a property initializer).
    /// </summary>
    private (int Start, int End, bool Complete) ReadMember()
    {
        var start = _tokens.Current.SpanStart;
        var end = start;
        while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBraceToken))
        {
            if (end != start && IsFirstOnLine(0) && IsTopLevelStart())
            {
                break;
            }

            if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
            {
                return (start, _tokens.Next().Span.End, true);
            }

            if (_tokens.Current.IsKind(SyntaxKind.OpenBraceToken))
            {
                var body = ReadGroup();
                end = body.End;
                if (!body.Closed)
                {
                    return (start, end, false);
                }

                if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
                {
                    return (start, _tokens.Next().Span.End, true);
                }

                if (!_tokens.Current.IsKind(SyntaxKind.EqualsToken))
                {
                    return (start, end, true);
                }

                continue;
            }

            end = IsOpener(_tokens.Current.Kind()) ? ReadGroup().End : _tokens.Next().Span.End;
        }

        return (start, end, false);
    }

    /// <summary>
    /// Skips an erroneous top-level construct: through the next <c>;</c> or balanced <c>{...}</c>,
    /// stopping before anything that starts a known top-level construct.
    /// </summary>
    private void SkipTopLevel()
    {
        var first = true;
        while (!_tokens.IsAtEnd && (first || !IsTopLevelStart()))
        {
            first = false;
            var kind = _tokens.Current.Kind();
            if (kind == SyntaxKind.SemicolonToken)
            {
                _tokens.Next();
                return;
            }

            if (kind == SyntaxKind.OpenBraceToken)
            {
                SkipGroupQuietly();
                return;
            }

            if (IsOpener(kind))
            {
                SkipGroupQuietly();
                continue;
            }

            _tokens.Next();
        }
    }

    /// <summary>Skips to and through the next <c>;</c>, stopping before a <c>}</c> that closes the enclosing block.</summary>
    private void SkipToSemicolon()
    {
        while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBraceToken) && !IsTopLevelStart())
        {
            if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
            {
                _tokens.Next();
                return;
            }

            if (IsOpener(_tokens.Current.Kind()))
            {
                SkipGroupQuietly();
            }
            else
            {
                _tokens.Next();
            }
        }
    }

    /// <summary>Skips a group inside a region already reported: its own unclosed-ness is not reported again.</summary>
    private void SkipGroupQuietly() => ReadGroup(reportUnclosed: false);
}
