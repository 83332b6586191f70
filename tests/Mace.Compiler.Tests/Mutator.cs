using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Tests;

/// <summary>The ways <see cref="MutationTests"/> damages a valid <c>.mace</c> file.</summary>
public enum MutationKind
{
    DeleteToken,
    DuplicateToken,
    SwapTokens,
    Truncate,
    InsertJunk,
}

/// <summary>
/// Deterministic mutations of a source text at token granularity (tokens found by Roslyn's lexer,
/// like the parser's) or at character granularity. Every choice comes from the caller's seeded
/// <see cref="Random"/>, so a failing mutant is reproduced by its seed and index.
/// </summary>
internal sealed class Mutator
{
    private const string Junk = "{}()[];,<>=:\"'$@#/*\\`\0\u00a7\u00e9\ud83d\ude00\n \tservice transitions downcall timer recur";

    private readonly string _text;
    private readonly SyntaxToken[] _tokens;

    public Mutator(string text)
    {
        _text = text;
        _tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToArray();
    }

    public string Mutate(MutationKind kind, Random random)
    {
        if (_tokens.Length < 2)
        {
            return _text;
        }

        switch (kind)
        {
            case MutationKind.DeleteToken:
            {
                var token = Pick(random);
                return _text.Remove(token.SpanStart, token.Span.Length);
            }

            case MutationKind.DuplicateToken:
            {
                var token = Pick(random);
                return _text.Insert(token.Span.End, " " + token.Text);
            }

            case MutationKind.SwapTokens:
            {
                var first = random.Next(_tokens.Length - 1);
                var second = random.Next(2) == 0 ? first + 1 : random.Next(first + 1, _tokens.Length);
                var a = _tokens[first];
                var b = _tokens[second];
                return new StringBuilder(_text)
                    .Remove(b.SpanStart, b.Span.Length).Insert(b.SpanStart, a.Text)
                    .Remove(a.SpanStart, a.Span.Length).Insert(a.SpanStart, b.Text)
                    .ToString();
            }

            case MutationKind.Truncate:
                return _text.Substring(0, random.Next(_text.Length));

            default:
            {
                var builder = new StringBuilder(_text);
                var insertions = random.Next(1, 4);
                for (var i = 0; i < insertions; i++)
                {
                    builder.Insert(random.Next(builder.Length + 1), Junk[random.Next(Junk.Length)]);
                }

                return builder.ToString();
            }
        }
    }

    /// <summary>True when the text has more <c>{</c> than <c>}</c> tokens: some block or body is surely unclosed.</summary>
    public static bool HasUnclosedBrace(string text)
    {
        var balance = 0;
        foreach (var token in SyntaxFactory.ParseTokens(text))
        {
            balance += token.IsKind(SyntaxKind.OpenBraceToken) ? 1 : token.IsKind(SyntaxKind.CloseBraceToken) ? -1 : 0;
        }

        return balance > 0;
    }

    private SyntaxToken Pick(Random random) => _tokens[random.Next(_tokens.Length)];
}
