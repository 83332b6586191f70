using System.Reflection;

namespace Mace.Compiler.Tests;

/// <summary>
/// The golden corpus <c>Cases/&lt;Area&gt;/&lt;name&gt;.mace</c>, read from the source tree (its path is
/// stamped into the test assembly) so that <c>MACE_ACCEPT=1</c> rewrites the checked-in files.
/// </summary>
internal static class CaseFiles
{
    public static string Root { get; } = Locate();

    /// <summary>Every case, as a path relative to <see cref="Root"/> with <c>/</c> separators, in ordinal order.</summary>
    public static IReadOnlyList<string> All() =>
        Directory.EnumerateFiles(Root, "*.mace", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The cases that are expected to compile without diagnostics.</summary>
    public static IReadOnlyList<string> Valid() =>
        All().Where(c => !File.Exists(ExpectedPath(c, ".expected.txt"))).ToList();

    public static string FullPath(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>The expected-output file beside a case: <paramref name="suffix"/> replaces <c>.mace</c>.</summary>
    public static string ExpectedPath(string relativePath, string suffix)
    {
        var full = FullPath(relativePath);
        return full.Substring(0, full.Length - ".mace".Length) + suffix;
    }

    private static string Locate()
    {
        var stamped = typeof(CaseFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "MaceCasesDirectory")?.Value;
        if (stamped is not null && Directory.Exists(stamped))
        {
            return stamped;
        }

        var copied = Path.Combine(AppContext.BaseDirectory, "Cases");
        if (Directory.Exists(copied))
        {
            return copied;
        }

        throw new InvalidOperationException($"golden cases not found at '{stamped}' or '{copied}'");
    }
}
