using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Cs = Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mace.Compiler.Syntax;

// Embedded C#: slices handed to Roslyn's parsers, whose syntax errors are mapped back to the .mace file.
public sealed partial class Parser
{
    /// <summary>
    /// Reports Roslyn's syntax errors in <paramref name="node"/>, parsed from the slice starting at
    /// <paramref name="offset"/>, as MACE1009. Returns true when the node has any error, even one
    /// already reported from an overlapping slice or the lexer.
    /// </summary>
    private bool ReportCSharpErrors(SyntaxNode node, int offset, string context)
    {
        var sliceEnd = offset + node.FullSpan.Length;
        _checkedSlices.Add((offset, sliceEnd));
        List<Diagnostic> errors;
        try
        {
            errors = node.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        }
        catch (ArgumentOutOfRangeException)
        {
            // Roslyn 5.9 fails placing its own diagnostic on some malformed text (found by fuzzing:
            // a DEL before a line break in a parameter list); the slice is invalid all the same.
            _diagnostics.ReportInvalidCSharp(SpanOf(offset, sliceEnd), context, "CS1525", "this C# does not parse");
            return true;
        }

        // An unclosed bracket inside the slice was reported (MACE1010); Roslyn's view of the
        // truncated text would only repeat it.
        if (errors.Count == 0 || _unclosedGroups.Exists(p => offset <= p && p < sliceEnd))
        {
            return errors.Count > 0;
        }

        var lastStart = -1;
        foreach (var diagnostic in errors)
        {
            var span = diagnostic.Location.SourceSpan;
            var start = Clamp(offset + span.Start);
            var end = Math.Max(start, Clamp(offset + span.End));
            if (start != lastStart && _reportedCSharpErrors.Add((diagnostic.Id, start, end - start)))
            {
                _diagnostics.ReportInvalidCSharp(SpanOf(start, end), context, diagnostic.Id, diagnostic.GetMessage(CultureInfo.InvariantCulture));
            }

            lastStart = start;
        }

        return true;
    }

    /// <summary>
    /// Lexer errors (bad characters, unterminated strings, comments or directives) outside every
    /// slice that was parsed as C#: those inside one were reported, more precisely, with it. Roslyn
    /// does not expose their exact offsets on free tokens, so the whole token or trivia is marked.
    /// </summary>
    private void ReportLexerErrors()
    {
        foreach (var token in _allTokens)
        {
            if (!token.ContainsDiagnostics)
            {
                continue;
            }

            if (!IsInCheckedSlice(token.Span))
            {
                ReportLexerDiagnostics(token.GetDiagnostics(), token.Span.Start, token.Span.End);
            }

            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.ContainsDiagnostics && !IsInCheckedSlice(trivia.Span))
                {
                    var diagnostics = trivia.GetDiagnostics().ToList();
                    if (diagnostics.Count == 0 && trivia.HasStructure)
                    {
                        diagnostics.AddRange(trivia.GetStructure()!.GetDiagnostics());
                    }

                    ReportLexerDiagnostics(diagnostics, trivia.Span.Start, trivia.Span.End);
                }
            }
        }
    }

    private void ReportLexerDiagnostics(IEnumerable<Diagnostic> diagnostics, int start, int end)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error
                && !_syntaxErrorPositions.Contains(start)
                && _reportedCSharpErrors.Add((diagnostic.Id, start, end - start)))
            {
                _diagnostics.ReportInvalidCSharp(SpanOf(start, end), "the source text", diagnostic.Id, diagnostic.GetMessage(CultureInfo.InvariantCulture));
            }
        }
    }

    private bool IsInCheckedSlice(Microsoft.CodeAnalysis.Text.TextSpan span) =>
        _checkedSlices.Exists(slice => slice.Start <= span.Start && span.End <= slice.End);

    /// <summary>
    /// True (and reported, MACE1018) when brackets in the slice nest deeper than
    /// <see cref="MaxCSharpNesting"/>. Roslyn's parser slows down sharply on such text (nested
    /// <c>[</c> take seconds per thousand levels), and no real service nests that deep.
    /// </summary>
    private bool IsTooDeep(int start, int end)
    {
        var index = Array.BinarySearch(_tokenStarts, start);
        index = index < 0 ? ~index : index;
        var depth = 0;
        for (; index < _allTokens.Length && _allTokens[index].SpanStart < end; index++)
        {
            var kind = _allTokens[index].Kind();
            if (IsOpener(kind) && ++depth > MaxCSharpNesting)
            {
                _diagnostics.ReportCSharpTooDeep(SpanOf(_allTokens[index]), MaxCSharpNesting);
                return true;
            }

            depth -= IsCloser(kind) && depth > 0 ? 1 : 0;
        }

        return false;
    }

    private string Slice(int start, int end) => _text.Substring(Clamp(start), Math.Max(0, Clamp(end) - Clamp(start)));

    private void CheckExpression(int start, int end, string context)
    {
        if (!IsTooDeep(start, end))
        {
            ReportCSharpErrors(SyntaxFactory.ParseExpression(Slice(start, end), 0, s_parseOptions, consumeFullText: true), start, context);
        }
    }

    private void CheckType(int start, int end, string context)
    {
        if (!IsTooDeep(start, end))
        {
            ReportCSharpErrors(SyntaxFactory.ParseTypeName(Slice(start, end), 0, s_parseOptions, consumeFullText: true), start, context);
        }
    }

    private void CheckBlock(int start, int end, string context)
    {
        if (!IsTooDeep(start, end))
        {
            ReportCSharpErrors(SyntaxFactory.ParseStatement(Slice(start, end), 0, s_parseOptions, consumeFullText: true), start, context);
        }
    }

    private void CheckArguments(int start, int end, string context)
    {
        if (!IsTooDeep(start, end))
        {
            ReportCSharpErrors(SyntaxFactory.ParseArgumentList(Slice(start, end), 0, s_parseOptions, consumeFullText: true), start, context);
        }
    }

    /// <summary>The exact text of a node parsed from the slice at <paramref name="offset"/>.</summary>
    private CSharpCodeSyntax CodeOf(SyntaxNode node, int offset) => Code(offset + node.SpanStart, offset + node.Span.End);

    private IdentifierSyntax IdentifierOf(SyntaxToken token, int offset) =>
        new(token.Text, SpanOf(offset + token.SpanStart, offset + token.Span.End));

    /// <summary>
    /// Splits <c>Type Name [= init][, Name2 ...]</c> (the slice before its <c>;</c>) into variables,
    /// through Roslyn's member parser.
    /// </summary>
    private void ParseVariables(int start, int end, string context, ImmutableArray<VariableSyntax>.Builder into, bool appendSemicolon = true)
    {
        if (IsTooDeep(start, end))
        {
            return;
        }

        var text = Slice(start, end) + (appendSemicolon ? ";" : string.Empty);
        var member = SyntaxFactory.ParseMemberDeclaration(text, 0, s_parseOptions, consumeFullText: true);
        var errors = member is not null && ReportCSharpErrors(member, start, context);
        var added = false;
        if (member is Cs.FieldDeclarationSyntax field && !field.Declaration.Type.IsMissing)
        {
            ReportNotAllowed(field.AttributeLists, field.Modifiers, start, context);
            var type = CodeOf(field.Declaration.Type, start);
            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Identifier.IsMissing)
                {
                    continue;
                }

                var initializer = variable.Initializer is null ? null : CodeOf(variable.Initializer.Value, start);
                var spanEnd = Math.Min(end, start + variable.Span.End);
                into.Add(new VariableSyntax(type, IdentifierOf(variable.Identifier, start), initializer, SpanOf(type.Span.Start, spanEnd)));
                added = true;
            }
        }

        if (!added && !errors)
        {
            _diagnostics.ReportInvalidDeclaration(SpanOf(start, end), context, "Type Name [= value];");
        }
    }

    /// <summary>Parses a parenthesized parameter list group with Roslyn.</summary>
    private ImmutableArray<ParameterSyntax> ParseParameters(Group group, string context)
    {
        if (IsTooDeep(group.Start, group.End))
        {
            return ImmutableArray<ParameterSyntax>.Empty;
        }

        var text = Slice(group.Start, group.End) + (group.Closed ? string.Empty : ")");
        var list = SyntaxFactory.ParseParameterList(text, 0, s_parseOptions, consumeFullText: true);
        if (group.Closed)
        {
            ReportCSharpErrors(list, group.Start, context);
        }

        return ToParameters(list.Parameters, group.Start);
    }

    private ImmutableArray<ParameterSyntax> ToParameters(SeparatedSyntaxList<Cs.ParameterSyntax> parameters, int offset)
    {
        var result = ImmutableArray.CreateBuilder<ParameterSyntax>(parameters.Count);
        foreach (var parameter in parameters)
        {
            if (parameter.Identifier.IsMissing || parameter.Type is null || parameter.Type.IsMissing)
            {
                continue;
            }

            ReportNotAllowed(parameter.AttributeLists, parameter.Modifiers, offset, "a parameter");
            var defaultValue = parameter.Default is null ? null : CodeOf(parameter.Default.Value, offset);
            var span = SpanOf(offset + parameter.Type.SpanStart, offset + parameter.Span.End);
            result.Add(new ParameterSyntax(CodeOf(parameter.Type, offset), IdentifierOf(parameter.Identifier, offset), defaultValue, span));
        }

        return result.ToImmutable();
    }

    /// <summary>A serviceclass method <c>ReturnType Name(params);</c> or <c>ReturnType Name(params) { default }</c>.</summary>
    private MethodDeclarationSyntax? ParseMethod(int start, int end)
    {
        if (IsTooDeep(start, end))
        {
            return null;
        }

        var member = SyntaxFactory.ParseMemberDeclaration(Slice(start, end), 0, s_parseOptions, consumeFullText: true);
        var errors = member is not null && ReportCSharpErrors(member, start, "a method declaration");
        if (member is Cs.MethodDeclarationSyntax method && method.ExpressionBody is null && !method.Identifier.IsMissing)
        {
            ReportNotAllowed(method.AttributeLists, method.Modifiers, start, "a method declaration");
            if (method.TypeParameterList is { } typeParameters)
            {
                _diagnostics.ReportNotAllowed(SpanOf(start + typeParameters.SpanStart, start + typeParameters.Span.End), typeParameters.ToString(), "a method declaration");
            }

            var body = method.Body is null ? null : CodeOf(method.Body, start);
            var parameters = ToParameters(method.ParameterList.Parameters, start);
            return new MethodDeclarationSyntax(CodeOf(method.ReturnType, start), IdentifierOf(method.Identifier, start), parameters, body, SpanOf(start, end));
        }

        if (!errors)
        {
            _diagnostics.ReportInvalidMethodDeclaration(SpanOf(start, end));
        }

        return null;
    }

    /// <summary>A routine: any C# member, checked by Roslyn's member parser.</summary>
    private void CheckMember(int start, int end)
    {
        if (IsTooDeep(start, end))
        {
            return;
        }

        var member = SyntaxFactory.ParseMemberDeclaration(Slice(start, end), 0, s_parseOptions, consumeFullText: true);
        var errors = member is not null && ReportCSharpErrors(member, start, "a routine");
        if (member is null && !errors)
        {
            _diagnostics.ReportInvalidDeclaration(SpanOf(start, end), "a routine", "ReturnType Name(parameters) { ... }");
        }
    }

    /// <summary>Mace generates the declaration itself: C# attributes and modifiers written on it would be lost, so they are errors.</summary>
    private void ReportNotAllowed(SyntaxList<Cs.AttributeListSyntax> attributes, SyntaxTokenList modifiers, int offset, string context)
    {
        foreach (var attribute in attributes)
        {
            _diagnostics.ReportNotAllowed(SpanOf(offset + attribute.SpanStart, offset + attribute.Span.End), Shorten(attribute.ToString()), context);
        }

        foreach (var modifier in modifiers)
        {
            _diagnostics.ReportNotAllowed(SpanOf(offset + modifier.SpanStart, offset + modifier.Span.End), modifier.Text, context);
        }
    }
}
