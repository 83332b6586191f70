using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Syntax;

// Entries of the declaration blocks: constants, constructor_parameters, services, states, typedefs,
// auto_types, messages and the variables of state_variables.
public sealed partial class Parser
{
    /// <summary><c>Type Name [= init];</c> (an empty <c>;</c> is allowed, as in C#).</summary>
    private void ParseVariableEntry(ImmutableArray<VariableSyntax>.Builder into, string context)
    {
        if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
        {
            _tokens.Next();
            return;
        }

        var (start, end) = ReadUntilSemicolon();
        var endsWithBrace = end > start && _tokens.Previous.IsKind(SyntaxKind.CloseBraceToken) && !_tokens.Current.IsKind(SyntaxKind.SemicolonToken);
        if (!endsWithBrace)
        {
            MatchSemicolon();
        }

        if (end > start)
        {
            // A slice ending at a `}` is parsed as written, so Roslyn tells a property or method
            // (no `;` needed) from an initializer that lacks its `;`.
            ParseVariables(start, end, context, into, appendSemicolon: !endsWithBrace);
        }
    }

    /// <summary><c>Interface Name [= Service[(args)]];</c></summary>
    private void ParseLowerService(ImmutableArray<LowerServiceSyntax>.Builder into)
    {
        var start = _tokens.Current.SpanStart;
        var iface = MatchIdentifier("interface name");
        var name = MatchIdentifier("service field name");
        IdentifierSyntax? service = null;
        CSharpCodeSyntax? arguments = null;
        if (_tokens.Current.IsKind(SyntaxKind.EqualsToken))
        {
            _tokens.Next();
            service = MatchIdentifier("service name");
            if (_tokens.Current.IsKind(SyntaxKind.OpenParenToken))
            {
                var group = ReadGroup();
                arguments = Code(group.InnerStart, group.InnerEnd);
                if (group.Closed)
                {
                    CheckArguments(group.Start, group.End, "the service arguments");
                }
            }
        }

        var end = _tokens.Previous.Span.End;
        if (!MatchSemicolon())
        {
            SkipToSemicolon();
        }

        if (iface.Text.Length > 0 && name.Text.Length > 0)
        {
            into.Add(new LowerServiceSyntax(iface, name, service, arguments, SpanOf(start, end)));
        }
    }

    /// <summary><c>Name;</c> or <c>A, B;</c>.</summary>
    private void ParseState(ImmutableArray<IdentifierSyntax>.Builder into)
    {
        var name = MatchIdentifier("state name");
        if (name.Text.Length == 0)
        {
            SkipToSemicolon();
            return;
        }

        into.Add(name);
        if (_tokens.Current.IsKind(SyntaxKind.CommaToken) || _tokens.Current.IsKind(SyntaxKind.SemicolonToken))
        {
            _tokens.Next();
        }
        else
        {
            ReportExpected("';'", afterPrevious: true);
            SkipToSemicolon();
        }
    }

    /// <summary><c>Name = Type;</c></summary>
    private void ParseTypedef(ImmutableArray<TypedefSyntax>.Builder into)
    {
        var name = MatchIdentifier("type name");
        Match(SyntaxKind.EqualsToken);
        var (start, end) = ReadUntilSemicolon();
        if (end > start)
        {
            CheckType(start, end, "a typedef");
        }
        else
        {
            ReportExpected("type");
        }

        MatchSemicolon();
        if (name.Text.Length > 0 && end > start)
        {
            into.Add(new TypedefSyntax(name, Code(start, end), SpanOf(name.Span.Start, end)));
        }
    }

    /// <summary><c>Name { Type Field; ... }</c> in <c>auto_types</c>.</summary>
    private void ParseAutoType(ImmutableArray<AutoTypeSyntax>.Builder into)
    {
        var (name, fields, end) = ParseRecordShape("auto type", "an auto type field");
        if (name.Text.Length > 0)
        {
            into.Add(new AutoTypeSyntax(name, fields, SpanOf(name.Span.Start, end)));
        }
    }

    /// <summary><c>Name { Type Field; ... }</c> in <c>messages</c>.</summary>
    private void ParseMessage(ImmutableArray<MessageSyntax>.Builder into)
    {
        var (name, fields, end) = ParseRecordShape("message", "a message field");
        if (name.Text.Length > 0)
        {
            into.Add(new MessageSyntax(name, fields, SpanOf(name.Span.Start, end)));
        }
    }

    private (IdentifierSyntax Name, ImmutableArray<VariableSyntax> Fields, int End) ParseRecordShape(string what, string fieldContext)
    {
        var name = MatchIdentifier($"{what} name");
        var fields = ImmutableArray.CreateBuilder<VariableSyntax>();
        if (Match(SyntaxKind.OpenBraceToken))
        {
            ParseEntries(() => ParseVariableEntry(fields, fieldContext));
            Match(SyntaxKind.CloseBraceToken);
        }
        else
        {
            SkipToSemicolon();
        }

        var end = _tokens.Previous.Span.End;
        if (_tokens.Current.IsKind(SyntaxKind.SemicolonToken))
        {
            _tokens.Next();
        }

        return (name, fields.ToImmutable(), end);
    }

    /// <summary>A variable, or <c>timer[&lt;T, ...&gt;] Name [recur(expr)];</c>.</summary>
    private void ParseStateVariable(ServiceBuilder service)
    {
        var next = _tokens.Peek(1);
        if (IsWord(_tokens.Current, "timer") && (next.IsKind(SyntaxKind.IdentifierToken) || next.IsKind(SyntaxKind.LessThanToken) || next.IsKind(SyntaxKind.SemicolonToken)))
        {
            ParseTimer(service.Timers);
        }
        else
        {
            ParseVariableEntry(service.StateVariables, "a state variable");
        }
    }
}
