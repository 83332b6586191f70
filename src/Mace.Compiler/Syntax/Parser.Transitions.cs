using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// The transitions block: transitions, inline guards, options and nested guard blocks.
public sealed partial class Parser
{
    /// <summary>Transitions and guard blocks up to the enclosing <c>}</c>; <paramref name="guards"/> are the enclosing guards, outermost first.</summary>
    private void ParseTransitionList(ImmutableArray<TransitionSyntax>.Builder into, ImmutableArray<CSharpCodeSyntax> guards, int depth)
    {
        while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBraceToken) && !IsTopLevelStart())
        {
            var start = _tokens.Position;
            var current = _tokens.Current;
            if (current.IsKind(SyntaxKind.OpenParenToken))
            {
                ParseGuardBlock(into, guards, depth);
            }
            else if (IsTransitionKind(current))
            {
                ParseTransition(into, guards);
            }
            else
            {
                if (!current.IsKind(SyntaxKind.IdentifierToken))
                {
                    ReportUnexpected();
                }
                else if (ShouldReport(current.SpanStart))
                {
                    _diagnostics.ReportUnknownTransitionKind(SpanOf(current), current.Text);
                }

                SkipTransition();
            }

            EnsureProgress(start);
        }
    }

    /// <summary><c>(guard) { transitions }</c></summary>
    private void ParseGuardBlock(ImmutableArray<TransitionSyntax>.Builder into, ImmutableArray<CSharpCodeSyntax> guards, int depth)
    {
        var guard = ParseGuard();
        if (!_tokens.Current.IsKind(SyntaxKind.OpenBraceToken))
        {
            ReportExpected("'{'", afterPrevious: true);
            SkipTransition();
            return;
        }

        if (depth + 1 >= MaxGuardNesting)
        {
            _diagnostics.ReportNestingTooDeep(SpanOf(_tokens.Current));
            SkipGroupQuietly();
            return;
        }

        _tokens.Next();
        ParseTransitionList(into, guards.Add(guard), depth + 1);
        Match(SyntaxKind.CloseBraceToken);
    }

    /// <summary>A parenthesized guard; its text excludes the parentheses.</summary>
    private CSharpCodeSyntax ParseGuard()
    {
        var group = ReadGroup();
        if (group.Closed)
        {
            CheckExpression(group.InnerStart, group.InnerEnd, "a guard");
        }

        return Code(group.InnerStart, group.InnerEnd);
    }

    /// <summary><c>kind [(guard)] Name(params) [[options]] { body }</c>, <c>aspect&lt;V, ...&gt;</c> included.</summary>
    private void ParseTransition(ImmutableArray<TransitionSyntax>.Builder into, ImmutableArray<CSharpCodeSyntax> guards)
    {
        var keyword = _tokens.Next();
        var kind = keyword.Text switch
        {
            "downcall" => TransitionKind.Downcall,
            "upcall" => TransitionKind.Upcall,
            "scheduler" => TransitionKind.Scheduler,
            _ => TransitionKind.Aspect,
        };
        var aspectVariables = kind == TransitionKind.Aspect ? ParseAspectVariables() : ImmutableArray<IdentifierSyntax>.Empty;
        if (_tokens.Current.IsKind(SyntaxKind.OpenParenToken))
        {
            guards = guards.Add(ParseGuard());
        }

        var name = MatchIdentifier("transition name");
        var parameters = ImmutableArray<ParameterSyntax>.Empty;
        if (_tokens.Current.IsKind(SyntaxKind.OpenParenToken))
        {
            parameters = ParseParameters(ReadGroup(), "a parameter list");
        }
        else
        {
            ReportExpected("'('");
        }

        var options = _tokens.Current.IsKind(SyntaxKind.OpenBracketToken) ? ParseTransitionOptions() : ImmutableArray<OptionSyntax>.Empty;
        CSharpCodeSyntax body;
        if (_tokens.Current.IsKind(SyntaxKind.OpenBraceToken))
        {
            var group = ReadGroup();
            body = Code(group.Start, group.End);
            if (group.Closed)
            {
                CheckBlock(group.Start, group.End, "a transition body");
            }
        }
        else
        {
            ReportExpected("'{'", afterPrevious: true);
            body = Code(_tokens.Previous.Span.End, _tokens.Previous.Span.End);
            SkipTransition();
        }

        if (name.Text.Length > 0)
        {
            var span = SpanOf(keyword.SpanStart, Math.Max(keyword.Span.End, body.Span.End));
            into.Add(new TransitionSyntax(kind, aspectVariables, guards, name, parameters, options, body, span));
        }
    }

    /// <summary>The <c>&lt;V1, V2&gt;</c> of an aspect: the state variables it watches.</summary>
    private ImmutableArray<IdentifierSyntax> ParseAspectVariables()
    {
        var variables = ImmutableArray.CreateBuilder<IdentifierSyntax>();
        if (!Match(SyntaxKind.LessThanToken))
        {
            // `aspect Range Changed(...)`: take the names before the transition's as the variables.
            while (_tokens.Current.IsKind(SyntaxKind.IdentifierToken) && _tokens.Peek(1).IsKind(SyntaxKind.IdentifierToken))
            {
                variables.Add(Identifier(_tokens.Next()));
            }

            return variables.ToImmutable();
        }

        while (true)
        {
            var variable = MatchIdentifier("state variable name");
            if (variable.Text.Length > 0)
            {
                variables.Add(variable);
            }

            if (!_tokens.Current.IsKind(SyntaxKind.CommaToken))
            {
                break;
            }

            _tokens.Next();
        }

        Match(SyntaxKind.GreaterThanToken);
        return variables.ToImmutable();
    }

    /// <summary><c>[name=value, ...]</c> after a transition's parameters.</summary>
    private ImmutableArray<OptionSyntax> ParseTransitionOptions()
    {
        _tokens.Next();
        var options = ImmutableArray.CreateBuilder<OptionSyntax>();
        while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBracketToken))
        {
            var start = _tokens.Position;
            var name = MatchIdentifier("option name");
            Match(SyntaxKind.EqualsToken);
            var value = MatchOptionValue();
            if (name.Text.Length > 0 && value.Text.Length > 0)
            {
                options.Add(new OptionSyntax(name, value, SpanOf(name.Span.Start, value.Span.End)));
            }

            if (_tokens.Current.IsKind(SyntaxKind.CommaToken))
            {
                _tokens.Next();
            }
            else
            {
                break;
            }

            EnsureProgress(start);
        }

        Match(SyntaxKind.CloseBracketToken);
        return options.ToImmutable();
    }

    /// <summary>
    /// Skips an erroneous transition: through its <c>{...}</c> body or the next <c>;</c>, stopping
    /// before the enclosing <c>}</c>, the next transition keyword or a new block.
    /// </summary>
    private void SkipTransition()
    {
        var first = true;
        while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBraceToken) && !IsTopLevelStart()
            && (first || !IsTransitionKind(_tokens.Current)))
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
            }
            else
            {
                _tokens.Next();
            }
        }
    }
}
