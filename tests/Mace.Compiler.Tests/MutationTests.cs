using System.Text;

namespace Mace.Compiler.Tests;

/// <summary>
/// Robustness: 10,000 deterministic mutants (2,000 per kind) of the valid golden cases go through
/// <see cref="MaceCompiler.Compile"/>. None may throw or produce an internal error (MACE9001), every
/// diagnostic must lie inside the text, and a truncation that leaves a brace open must be an error.
/// </summary>
public sealed class MutationTests
{
    private const int MutantsPerKind = 2_000;

    private static readonly IReadOnlyList<(string Name, Mutator Mutator)> s_sources =
        CaseFiles.Valid().Select(c => (c, new Mutator(File.ReadAllText(CaseFiles.FullPath(c))))).ToList();

    [Theory]
    [InlineData(MutationKind.DeleteToken, 1001)]
    [InlineData(MutationKind.DuplicateToken, 1002)]
    [InlineData(MutationKind.SwapTokens, 1003)]
    [InlineData(MutationKind.Truncate, 1004)]
    [InlineData(MutationKind.InsertJunk, 1005)]
    public void Mutants_OfValidCases_NeverCrashTheCompiler(MutationKind kind, int seed)
    {
        Assert.NotEmpty(s_sources);
        var random = new Random(seed);
        var failures = new List<string>();
        for (var i = 0; i < MutantsPerKind; i++)
        {
            var (name, mutator) = s_sources[i % s_sources.Count];
            var mutant = mutator.Mutate(kind, random);
            var problem = Check(kind, mutant);
            if (problem is not null && failures.Count < 5)
            {
                failures.Add($"mutant {i} of {name} (seed {seed}): {problem}\n--- text ---\n{Escape(mutant)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static string? Check(MutationKind kind, string mutant)
    {
        MaceCompilationResult result;
        try
        {
            result = MaceCompiler.Compile("mutant.mace", mutant, MaceCompilerOptions.Default);
        }
        catch (Exception ex)
        {
            return $"threw {ex}";
        }

        if (result.Diagnostics.FirstOrDefault(d => d.Id == "MACE9001") is { } internalError)
        {
            return internalError.Message;
        }

        if (result.Diagnostics.FirstOrDefault(d => d.Span.Start < 0 || d.Span.End > mutant.Length) is { } outside)
        {
            return $"span outside the text: {outside}";
        }

        if (kind == MutationKind.Truncate && Mutator.HasUnclosedBrace(mutant) && !result.HasErrors)
        {
            return "truncation left a brace open but no error was reported";
        }

        return null;
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '\n' or '\t' || (c >= ' ' && c < 0x7f) ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return builder.ToString();
    }
}
