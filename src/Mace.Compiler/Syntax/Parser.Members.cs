using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// Timers, routines, properties and detectors.
public sealed partial class Parser
{
    /// <summary><c>timer[&lt;T, ...&gt;] Name [recur(expr)];</c></summary>
    private void ParseTimer(ImmutableArray<TimerSyntax>.Builder into)
    {
        var keyword = _tokens.Next();
        var typeArguments = ImmutableArray.CreateBuilder<CSharpCodeSyntax>();
        if (_tokens.Current.IsKind(SyntaxKind.LessThanToken))
        {
            _tokens.Next();
            while (true)
            {
                var (start, end) = ReadTypeArgument();
                if (end > start)
                {
                    CheckType(start, end, "a timer type argument");
                    typeArguments.Add(Code(start, end));
                }
                else
                {
                    ReportExpected("type");
                }

                if (!_tokens.Current.IsKind(SyntaxKind.CommaToken))
                {
                    break;
                }

                _tokens.Next();
            }

            Match(SyntaxKind.GreaterThanToken);
        }

        var name = MatchIdentifier("timer name");
        CSharpCodeSyntax? recur = null;
        if (IsWord(_tokens.Current, "recur"))
        {
            _tokens.Next();
            if (_tokens.Current.IsKind(SyntaxKind.OpenParenToken))
            {
                var group = ReadGroup();
                recur = Code(group.InnerStart, group.InnerEnd);
                if (group.Closed)
                {
                    CheckExpression(group.InnerStart, group.InnerEnd, "a timer period");
                }
            }
            else
            {
                ReportExpected("'('");
            }
        }
        else if (_tokens.Current.IsKind(SyntaxKind.IdentifierToken))
        {
            _diagnostics.ReportUnknownTimerOption(SpanOf(_tokens.Current), _tokens.Current.Text);
            _lastErrorPosition = _tokens.Current.SpanStart;
        }

        var spanEnd = _tokens.Previous.Span.End;
        if (!MatchSemicolon())
        {
            SkipToSemicolon();
        }

        if (name.Text.Length > 0)
        {
            into.Add(new TimerSyntax(name, typeArguments.ToImmutable(), recur, SpanOf(keyword.SpanStart, spanEnd)));
        }
    }

    /// <summary>One type argument of a timer: tokens up to a <c>,</c> or <c>&gt;</c> outside nested angle brackets.</summary>
    private (int Start, int End) ReadTypeArgument()
    {
        var start = _tokens.Current.SpanStart;
        var end = start;
        var depth = 0;
        while (!_tokens.IsAtEnd)
        {
            var kind = _tokens.Current.Kind();
            if ((depth == 0 && (kind == SyntaxKind.CommaToken || kind == SyntaxKind.GreaterThanToken))
                || kind is SyntaxKind.SemicolonToken or SyntaxKind.OpenBraceToken or SyntaxKind.CloseBraceToken
                    or SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.EqualsToken)
            {
                break;
            }

            depth += kind == SyntaxKind.LessThanToken ? 1 : kind == SyntaxKind.GreaterThanToken ? -1 : 0;
            end = IsOpener(kind) ? ReadGroup().End : _tokens.Next().Span.End;
        }

        return (start, end);
    }

    /// <summary>One C# member of <c>routines</c>.</summary>
    private void ParseRoutine(ImmutableArray<CSharpCodeSyntax>.Builder into)
    {
        if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
        {
            _tokens.Next();
            return;
        }

        var (start, end, _) = ReadMember();
        if (end > start)
        {
            CheckMember(start, end);
            into.Add(Code(start, end));
        }
    }

    /// <summary><c>safety Name: expr;</c> or <c>liveness Name: expr;</c></summary>
    private void ParseProperty(ImmutableArray<PropertySyntax>.Builder into)
    {
        var keyword = _tokens.Current;
        PropertyKind kind;
        if (IsWord(keyword, "safety"))
        {
            kind = PropertyKind.Safety;
        }
        else if (IsWord(keyword, "liveness"))
        {
            kind = PropertyKind.Liveness;
        }
        else
        {
            if (ShouldReport(keyword.SpanStart))
            {
                _diagnostics.ReportUnknownPropertyKind(SpanOf(keyword), Shorten(keyword.Text));
            }

            SkipToSemicolon();
            return;
        }

        _tokens.Next();
        var name = MatchIdentifier("property name");
        Match(SyntaxKind.ColonToken);
        var (start, end) = ReadUntilSemicolon();
        CheckExpression(start, end, "a property");
        MatchSemicolon();
        if (name.Text.Length > 0)
        {
            into.Add(new PropertySyntax(kind, name, Code(start, end), SpanOf(keyword.SpanStart, _tokens.Previous.Span.End)));
        }
    }

    /// <summary><c>Name { key = value; ... }</c> in <c>detect</c>.</summary>
    private void ParseDetect(ImmutableArray<DetectSyntax>.Builder into)
    {
        var name = MatchIdentifier("detector name");
        var entries = ImmutableArray.CreateBuilder<DetectEntrySyntax>();
        if (Match(SyntaxKind.OpenBraceToken))
        {
            ParseEntries(() =>
            {
                var key = MatchIdentifier("detector key");
                Match(SyntaxKind.EqualsToken);
                var (start, end) = ReadUntilSemicolon();
                CheckExpression(start, end, "a detector value");
                MatchSemicolon();
                if (key.Text.Length > 0)
                {
                    entries.Add(new DetectEntrySyntax(key, Code(start, end), SpanOf(key.Span.Start, _tokens.Previous.Span.End)));
                }
            });
            Match(SyntaxKind.CloseBraceToken);
        }
        else
        {
            SkipToSemicolon();
        }

        if (name.Text.Length > 0)
        {
            into.Add(new DetectSyntax(name, entries.ToImmutable(), SpanOf(name.Span.Start, _tokens.Previous.Span.End)));
        }
    }
}
