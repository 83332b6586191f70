using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// Interface declarations: serviceclass X [: Base, ...] { downcalls { ... } upcalls(handler H) { ... } }.
public sealed partial class Parser
{
    private ServiceClassSyntax ParseServiceClass()
    {
        var keyword = _tokens.Next();
        var name = MatchIdentifier("serviceclass name");
        var bases = ParseBaseList();
        var downcalls = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();
        var handlers = ImmutableArray.CreateBuilder<HandlerSyntax>();
        if (Match(SyntaxKind.OpenBraceToken))
        {
            IdentifierSyntax? downcallsBlock = null;
            while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBraceToken) && !IsTopLevelStart())
            {
                var start = _tokens.Position;
                var current = _tokens.Current;
                if (IsWord(current, "downcalls"))
                {
                    var block = Identifier(_tokens.Next());
                    if (downcallsBlock is not null)
                    {
                        _diagnostics.ReportDuplicateBlock(block.Span, block.Text);
                    }

                    downcallsBlock ??= block;
                    ParseMethodBlock(downcalls);
                }
                else if (IsWord(current, "upcalls"))
                {
                    handlers.Add(ParseHandler());
                }
                else if (current.IsKind(SyntaxKind.SemicolonToken))
                {
                    _tokens.Next();
                }
                else
                {
                    if (current.IsKind(SyntaxKind.IdentifierToken) && ShouldReport(current.SpanStart))
                    {
                        _diagnostics.ReportUnknownServiceClassBlock(SpanOf(current), current.Text);
                    }
                    else
                    {
                        ReportUnexpected();
                    }

                    SkipTopLevel();
                }

                EnsureProgress(start);
            }

            Match(SyntaxKind.CloseBraceToken);
        }

        var end = Math.Max(keyword.Span.End, _tokens.Previous.Span.End);
        if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
        {
            _tokens.Next();
        }

        return new ServiceClassSyntax(name, bases, downcalls.ToImmutable(), handlers.ToImmutable(), SpanOf(keyword.SpanStart, end), Slice(keyword.SpanStart, end));
    }

    /// <summary>A top-level <c>handler Name { methods }</c>: a declaration holding just that handler.</summary>
    private ServiceClassSyntax ParseHandlerDeclaration()
    {
        var keyword = _tokens.Next();
        var name = MatchIdentifier("handler name");
        var upcalls = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();
        ParseMethodBlock(upcalls);
        var end = Math.Max(keyword.Span.End, _tokens.Previous.Span.End);
        if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
        {
            _tokens.Next();
        }

        var span = SpanOf(keyword.SpanStart, end);
        var handler = new HandlerSyntax(name, upcalls.ToImmutable(), span);
        return new ServiceClassSyntax(name, ImmutableArray<IdentifierSyntax>.Empty, ImmutableArray<MethodDeclarationSyntax>.Empty, [handler], span, Slice(keyword.SpanStart, end), IsHandlerDeclaration: true);
    }

    /// <summary><c>upcalls(handler Name) { methods }</c>, or <c>upcalls(handler Name);</c> reusing a declared handler.</summary>
    private HandlerSyntax ParseHandler()
    {
        var keyword = _tokens.Next();
        IdentifierSyntax name;
        if (Match(SyntaxKind.OpenParenToken))
        {
            MatchWord("handler");
            name = MatchIdentifier("handler name");
            Match(SyntaxKind.CloseParenToken);
            if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
            {
                _tokens.Next();
                return new HandlerSyntax(name, ImmutableArray<MethodDeclarationSyntax>.Empty, SpanOf(keyword.SpanStart, _tokens.Previous.Span.End), IsReference: true);
            }
        }
        else
        {
            name = new IdentifierSyntax(string.Empty, SpanOf(keyword.Span.End, keyword.Span.End));
        }

        var upcalls = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();
        ParseMethodBlock(upcalls);
        return new HandlerSyntax(name, upcalls.ToImmutable(), SpanOf(keyword.SpanStart, _tokens.Previous.Span.End));
    }

    /// <summary><c>{ RetType Name(params); RetType Name(params) { default } ... }</c></summary>
    private void ParseMethodBlock(ImmutableArray<MethodDeclarationSyntax>.Builder into)
    {
        if (!Match(SyntaxKind.OpenBraceToken))
        {
            return;
        }

        ParseEntries(() =>
        {
            if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
            {
                _tokens.Next();
                return;
            }

            var (start, end, _) = ReadMember();
            if (end > start && ParseMethod(start, end) is { } method)
            {
                into.Add(method);
            }
        });
        Match(SyntaxKind.CloseBraceToken);
    }
}
