using System.Collections.Immutable;
using Mace.Compiler.Diagnostics;
using Mace.Compiler.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// Parses a <c>.mace</c> file into a <see cref="CompilationUnitSyntax"/>, reporting every syntax
/// error (MACE1xxx) and recovering, in the manner of Minsk: a missing token is reported and
/// assumed; an unknown or stray construct is reported once and skipped to the next <c>;</c>,
/// balanced <c>{...}</c> or block keyword.
/// </summary>
/// <remarks>
/// <para>The whole file is tokenized once by Roslyn's C# lexer. Mace keywords (<c>service</c>,
/// <c>downcall</c>, <c>timer</c>, ...) are plain identifiers to it, and braces inside strings, raw
/// and interpolated strings, character literals and comments can never confuse the structure,
/// because they live inside single tokens or trivia.</para>
/// <para>Embedded C# (types, guards, initializers, bodies, parameter lists, property expressions,
/// routines) is kept as the exact source slice with its <see cref="MaceSpan"/>, and is parsed by
/// Roslyn (expression, statement, type, member or parameter list) so that its syntax errors are
/// reported as MACE1009 at their <c>.mace</c> position. Bodies and default bodies include their
/// braces; guards exclude their parentheses; lower-service default arguments exclude theirs.</para>
/// <para>The parser never throws on user input: every loop makes progress, nesting is bounded,
/// and Roslyn's own parsers never throw on bad text.</para>
/// </remarks>
public sealed partial class Parser
{
    private const int MaxGuardNesting = 64;
    private const int MaxCSharpNesting = 128;

    private static readonly CSharpParseOptions s_parseOptions =
        CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private readonly string _path;
    private readonly string _text;
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly SyntaxToken[] _allTokens;
    private readonly int[] _tokenStarts;
    private readonly TokenCursor _tokens;
    private readonly HashSet<(string Id, int Start, int Length)> _reportedCSharpErrors = [];
    private readonly List<(int Start, int End)> _checkedSlices = [];
    private readonly HashSet<int> _syntaxErrorPositions = [];
    private readonly List<int> _unclosedGroups = [];
    private int _lastErrorPosition = -1;

    private Parser(string path, string text, DiagnosticBag diagnostics)
    {
        _path = path;
        _text = text;
        _source = SourceText.From(text);
        _diagnostics = diagnostics;
        _allTokens = SyntaxFactory.ParseTokens(text, 0, 0, s_parseOptions).ToArray();
        _tokenStarts = Array.ConvertAll(_allTokens, t => t.SpanStart);
        _tokens = new TokenCursor(_allTokens);
    }

    /// <summary>Parses <paramref name="text"/>; never throws on user input.</summary>
    public static CompilationUnitSyntax Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var parser = new Parser(path, text ?? string.Empty, diagnostics);
        return parser.ParseCompilationUnit();
    }

    private CompilationUnitSyntax ParseCompilationUnit()
    {
        var usings = ImmutableArray.CreateBuilder<UsingSyntax>();
        var serviceClasses = ImmutableArray.CreateBuilder<ServiceClassSyntax>();
        var service = new ServiceBuilder();
        CSharpCodeSyntax? ns = null;

        while (!_tokens.IsAtEnd)
        {
            var start = _tokens.Position;
            var current = _tokens.Current;
            if (current.IsKind(SyntaxKind.NamespaceKeyword))
            {
                var parsed = ParseNamespace();
                if (ns is null)
                {
                    ns = parsed;
                }
                else if (parsed is not null)
                {
                    _diagnostics.ReportDuplicateNamespace(parsed.Span);
                }
            }
            else if (current.IsKind(SyntaxKind.UsingKeyword))
            {
                usings.Add(ParseUsing());
            }
            else if (IsWord(current, "serviceclass"))
            {
                serviceClasses.Add(ParseServiceClass());
            }
            else if (IsWord(current, "handler") && _tokens.Peek(1).IsKind(SyntaxKind.IdentifierToken))
            {
                serviceClasses.Add(ParseHandlerDeclaration());
            }
            else if (IsWord(current, "service"))
            {
                ParseServiceHeader(service);
            }
            else if (current.IsKind(SyntaxKind.IdentifierToken) && _tokens.Peek(1).IsKind(SyntaxKind.EqualsToken))
            {
                service.AddOption(ParseOption());
            }
            else if (current.IsKind(SyntaxKind.IdentifierToken) && (IsBlockName(current.Text) || _tokens.Peek(1).IsKind(SyntaxKind.OpenBraceToken)))
            {
                ParseBlock(service);
            }
            else
            {
                ReportUnexpected();
                SkipTopLevel();
            }

            EnsureProgress(start);
        }

        ReportLexerErrors();
        return new CompilationUnitSyntax(_path, usings.ToImmutable(), ns, serviceClasses.ToImmutable(), BuildService(service));
    }

    private ServiceSyntax? BuildService(ServiceBuilder service)
    {
        if (service.Name is null)
        {
            foreach (var block in service.Blocks)
            {
                _diagnostics.ReportBlockOutsideService(block.Keyword.Span, block.Keyword.Text);
            }

            foreach (var option in service.Options)
            {
                _diagnostics.ReportBlockOutsideService(option.Name.Span, option.Name.Text);
            }

            return null;
        }

        return service.Build(SpanOf(service.Start, Math.Max(service.Start, service.End)));
    }

    private CSharpCodeSyntax? ParseNamespace()
    {
        _tokens.Next();
        var start = _tokens.Current.SpanStart;
        var end = start;
        while (_tokens.Current.IsKind(SyntaxKind.IdentifierToken) || _tokens.Current.IsKind(SyntaxKind.DotToken))
        {
            end = _tokens.Next().Span.End;
        }

        if (end == start)
        {
            ReportExpected("namespace name");
            MatchSemicolon();
            return null;
        }

        MatchSemicolon();

        var name = Code(start, end);
        ReportCSharpErrors(SyntaxFactory.ParseName(name.Text, 0, consumeFullText: true), start, "the namespace name");
        return name;
    }

    private UsingSyntax ParseUsing()
    {
        var keyword = _tokens.Next();
        var start = _tokens.Current.SpanStart;
        var end = start;
        while (!_tokens.IsAtEnd && !IsAny(_tokens.Current, SyntaxKind.SemicolonToken, SyntaxKind.OpenBraceToken, SyntaxKind.CloseBraceToken) && !IsTopLevelStart())
        {
            end = _tokens.Next().Span.End;
        }

        var last = end;
        if (MatchSemicolon())
        {
            last = _tokens.Previous.Span.End;
        }

        var statement = _text.Substring(keyword.SpanStart, end - keyword.SpanStart) + ";";
        if (!IsTooDeep(keyword.SpanStart, end))
        {
            ReportCSharpErrors(SyntaxFactory.ParseCompilationUnit(statement, 0, s_parseOptions), keyword.SpanStart, "a using directive");
        }

        return new UsingSyntax(_text.Substring(start, end - start), SpanOf(keyword.SpanStart, last));
    }

    private OptionSyntax ParseOption()
    {
        var name = Identifier(_tokens.Next());
        _tokens.Next();
        var value = MatchOptionValue();
        var end = MatchSemicolon() ? _tokens.Previous.Span.End : value.Span.End;
        return new OptionSyntax(name, value, SpanOf(name.Span.Start, Math.Max(name.Span.Start, end)));
    }

    /// <summary>An option value: one identifier, keyword or literal token.</summary>
    private IdentifierSyntax MatchOptionValue()
    {
        var current = _tokens.Current;
        if (current.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsKeywordKind(current.Kind()) || SyntaxFacts.IsLiteralExpression(current.Kind()))
        {
            return Identifier(_tokens.Next());
        }

        return ReportExpectedIdentifier("option value");
    }
}
