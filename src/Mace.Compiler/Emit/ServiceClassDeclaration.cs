using System.Text;
using Mace.Compiler.Binding;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Compiler.Emit;

/// <summary>
/// The normalized Mace source of a serviceclass, left on its generated interface for other
/// projects: <c>namespace X;</c>, the file's usings, then the declaration's tokens joined by single
/// spaces (comments and layout dropped, so reformatting the file does not change it).
/// </summary>
internal static class ServiceClassDeclaration
{
    public static string Normalize(BoundUnit unit, ServiceClassSymbol serviceClass)
    {
        var builder = new StringBuilder();
        builder.Append("namespace ").Append(unit.Namespace).Append("; ");
        foreach (var u in unit.Syntax.Usings) builder.Append("using ").Append(Tokens(u.Text)).Append("; ");
        builder.Append(Tokens(serviceClass.Syntax.SourceText));
        return builder.ToString();
    }

    private static string Tokens(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var token in SyntaxFactory.ParseTokens(text))
        {
            if (token.Span.Length == 0) continue;
            if (builder.Length > 0 && (space || token.HasLeadingTrivia)) builder.Append(' ');
            builder.Append(token.Text);
            space = token.HasTrailingTrivia;
        }
        return builder.ToString();
    }
}
