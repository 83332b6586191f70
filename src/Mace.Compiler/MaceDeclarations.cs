using System.Collections.Immutable;
using System.Text;
using Mace.Compiler.Diagnostics;
using Mace.Compiler.Syntax;

namespace Mace.Compiler;

/// <summary>
/// The serviceclass declarations a <c>.mace</c> file makes visible to the other files of its
/// project, as self-contained Mace source (<c>namespace X;</c>, the file's usings, the declaration).
/// A host feeds them to the other files' compilations as references, so editing a service body
/// (which leaves these strings equal) does not recompile its siblings.
/// </summary>
public static class MaceDeclarations
{
    /// <summary>
    /// <paramref name="references"/> without those declaring a serviceclass that the file at
    /// <paramref name="path"/> declares itself: a file's own declaration wins over a referenced copy
    /// (the same interface reaches a project both from its source and from its built assembly).
    /// </summary>
    public static ImmutableArray<string> WithoutShadowed(ImmutableArray<string> references, string path, string text)
    {
        if (references.IsDefaultOrEmpty) return ImmutableArray<string>.Empty;
        var local = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in Extract(path, text, "_"))
        {
            foreach (var name in DeclaredNames(declaration)) local.Add(name);
        }
        if (local.Count == 0) return references;
        return references.Where(r => !DeclaredNames(r).Any(local.Contains)).ToImmutableArray();
    }

    /// <summary>The serviceclass names, and top-level handler names, declared in a declaration string.</summary>
    public static IEnumerable<string> DeclaredNames(string declaration)
    {
        foreach (var name in NamesAfter(declaration, "serviceclass")) yield return name;
        foreach (var name in NamesAfter(declaration, "handler")) yield return name;
    }

    /// <summary>
    /// Identifiers that follow <paramref name="keyword"/> as a declaration: at the start, or after
    /// whitespace or a semicolon (so the <c>handler</c> in <c>upcalls(handler H)</c> is not one).
    /// </summary>
    private static IEnumerable<string> NamesAfter(string declaration, string keyword)
    {
        var index = 0;
        while ((index = declaration.IndexOf(keyword, index, StringComparison.Ordinal)) >= 0)
        {
            var before = index == 0 ? ' ' : declaration[index - 1];
            var start = index + keyword.Length;
            index = start;
            if (!(char.IsWhiteSpace(before) || before == ';')) continue;
            if (start >= declaration.Length || !char.IsWhiteSpace(declaration[start])) continue;
            while (start < declaration.Length && char.IsWhiteSpace(declaration[start])) start++;
            var end = start;
            while (end < declaration.Length && (char.IsLetterOrDigit(declaration[end]) || declaration[end] == '_')) end++;
            if (end > start) yield return declaration.Substring(start, end - start);
        }
    }

    /// <summary>The declarations in <paramref name="text"/>; none when the file does not parse.</summary>
    public static ImmutableArray<string> Extract(string path, string text, string defaultNamespace)
    {
        try
        {
            var unit = Parser.Parse(path, text, new DiagnosticBag(path));
            if (unit.ServiceClasses.IsDefaultOrEmpty) return ImmutableArray<string>.Empty;
            var header = new StringBuilder();
            header.Append("namespace ").Append(unit.Namespace?.Text.Trim() ?? defaultNamespace).Append(";\n");
            foreach (var u in unit.Usings) header.Append("using ").Append(u.Text.Trim()).Append(";\n");
            var result = ImmutableArray.CreateBuilder<string>(unit.ServiceClasses.Length);
            foreach (var serviceClass in unit.ServiceClasses)
            {
                var span = serviceClass.Span;
                if (span.Start < 0 || span.End > text.Length) continue;
                result.Add(header + text.Substring(span.Start, span.Length));
            }
            return result.ToImmutable();
        }
        catch (Exception)
        {
            // The file's own compilation reports the failure (MACE9001); siblings just do not see its interfaces.
            return ImmutableArray<string>.Empty;
        }
    }
}
