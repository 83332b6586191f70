using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// The service header and the dispatch of its blocks.
public sealed partial class Parser
{
    /// <summary><c>service Name [: Provided, ...];</c></summary>
    private void ParseServiceHeader(ServiceBuilder service)
    {
        var keyword = _tokens.Next();
        var name = MatchIdentifier("service name");
        var provides = ParseBaseList();
        MatchSemicolon();
        var end = _tokens.Previous.Span.End;
        if (service.Name is null)
        {
            service.Name = name;
            service.Provides = provides;
            service.Start = keyword.SpanStart;
            service.End = Math.Max(service.End, end);
        }
        else
        {
            _diagnostics.ReportSecondService(name.Text.Length > 0 ? name.Span : SpanOf(keyword), name.Text);
        }
    }

    /// <summary>An optional <c>: A, B</c> list of interface names.</summary>
    private ImmutableArray<IdentifierSyntax> ParseBaseList()
    {
        if (!_tokens.Current.IsKind(SyntaxKind.ColonToken))
        {
            return ImmutableArray<IdentifierSyntax>.Empty;
        }

        _tokens.Next();
        var names = ImmutableArray.CreateBuilder<IdentifierSyntax>();
        while (true)
        {
            var name = MatchIdentifier("interface name");
            if (name.Text.Length > 0)
            {
                names.Add(name);
            }

            if (!_tokens.Current.IsKind(SyntaxKind.CommaToken))
            {
                return names.ToImmutable();
            }

            _tokens.Next();
        }
    }

    /// <summary><c>name { entries }</c> at the top level of the service.</summary>
    private void ParseBlock(ServiceBuilder service)
    {
        var keyword = Identifier(_tokens.Next());
        if (!IsBlockName(keyword.Text))
        {
            _diagnostics.ReportUnknownBlock(keyword.Span, keyword.Text);
            _lastErrorPosition = keyword.Span.Start;
            if (_tokens.Current.IsKind(SyntaxKind.OpenBraceToken))
            {
                SkipGroupQuietly();
            }

            return;
        }

        var duplicate = service.Blocks.Any(b => b.Keyword.Text == keyword.Text);
        Match(SyntaxKind.OpenBraceToken);
        ParseBlockContents(service, keyword.Text);
        Match(SyntaxKind.CloseBraceToken);
        var end = Math.Max(keyword.Span.End, _tokens.Previous.Span.End);
        if (duplicate)
        {
            _diagnostics.ReportDuplicateBlock(keyword.Span, keyword.Text);
        }

        service.Blocks.Add(new BlockSyntax(keyword, SpanOf(keyword.Span.Start, end)));
        service.End = Math.Max(service.End, end);
    }

    private void ParseBlockContents(ServiceBuilder service, string block)
    {
        switch (block)
        {
            case "constants":
                ParseEntries(() => ParseVariableEntry(service.Constants, "a constant"));
                break;
            case "constructor_parameters":
                ParseEntries(() => ParseVariableEntry(service.ConstructorParameters, "a constructor parameter"));
                break;
            case "services":
                ParseEntries(() => ParseLowerService(service.LowerServices));
                break;
            case "states":
                ParseEntries(() => ParseState(service.States));
                break;
            case "typedefs":
                ParseEntries(() => ParseTypedef(service.Typedefs));
                break;
            case "auto_types":
                ParseEntries(() => ParseAutoType(service.AutoTypes));
                break;
            case "messages":
                ParseEntries(() => ParseMessage(service.Messages));
                break;
            case "state_variables":
                ParseEntries(() => ParseStateVariable(service));
                break;
            case "transitions":
                ParseTransitionList(service.Transitions, ImmutableArray<CSharpCodeSyntax>.Empty, 0);
                break;
            case "routines":
                ParseEntries(() => ParseRoutine(service.Routines));
                break;
            case "properties":
                ParseEntries(() => ParseProperty(service.Properties));
                break;
            default:
                ParseEntries(() => ParseDetect(service.Detects));
                break;
        }
    }

    /// <summary>Runs <paramref name="parseEntry"/> until the block's <c>}</c>, the end of file or the start of the next block.</summary>
    private void ParseEntries(Action parseEntry)
    {
        while (!_tokens.IsAtEnd && !_tokens.Current.IsKind(SyntaxKind.CloseBraceToken) && !IsTopLevelStart())
        {
            var start = _tokens.Position;
            parseEntry();
            EnsureProgress(start);
        }
    }
}
