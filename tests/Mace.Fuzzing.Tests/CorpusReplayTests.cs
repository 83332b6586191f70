using System.Text;
using Mace.Checking;

namespace Mace.Fuzzing.Tests;

/// <summary>
/// Every committed fuzz input (the seed corpus and each crash the fuzzer found, kept in
/// fuzz/regressions) runs through its target without AFL: a regression fails here first.
/// </summary>
public sealed class CorpusReplayTests
{
    private static readonly string s_fuzz = Path.Combine(Repository(), "fuzz");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "corpus", "regressions" })
        {
            foreach (var folder in Directory.EnumerateDirectories(Path.Combine(s_fuzz, kind)).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(folder), Path.GetRelativePath(s_fuzz, file));
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void CommittedInput_RunsThroughItsTarget_WithoutAFinding(string target, string input) =>
        FuzzTargets.All[target](File.ReadAllBytes(Path.Combine(s_fuzz, input)));

    [Fact]
    public void SeedCorpus_HasEveryTarget_AndEveryShippedMessage()
    {
        foreach (var target in FuzzTargets.Names) Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(s_fuzz, "corpus", target)));
        var messages = Directory.EnumerateFiles(Path.Combine(s_fuzz, "corpus", "message")).ToList();
        // A new service's messages need seeds: dotnet artifacts/bin/Mace.Fuzzing/debug/mace-fuzz.dll seeds fuzz/corpus
        Assert.True(FuzzTargets.MessageTypes.Count == messages.Count, $"{FuzzTargets.MessageTypes.Count} shipped messages, {messages.Count} seeds: regenerate the corpus with mace-fuzz seeds fuzz/corpus");
        // Each message seed is the smallest encoding its decoder reads to the end.
        Assert.All(messages, m => Assert.True(FuzzTargets.DecodesToEnd(File.ReadAllBytes(m)), m));
    }

    [Fact]
    public void Targets_AcceptWellFormed_AndRejectCutOrCorruptInputs_TheDocumentedWay()
    {
        // A frame that is well formed survives; one cut short of its length prefix waits; a bad version is rejected: none is a finding.
        var frame = File.ReadAllBytes(Path.Combine(s_fuzz, "corpus", "frame", "ping"));
        FuzzTargets.Frame(frame);
        FuzzTargets.Frame(frame[..^1]);
        frame[4] = 99;
        FuzzTargets.Frame(frame);
        // A syntax error and deep nesting are diagnostics, not internal compiler errors.
        FuzzTargets.Compiler(Encoding.UTF8.GetBytes("service { ;;; }"));
        FuzzTargets.Compiler(Encoding.UTF8.GetBytes(new string('{', 10_000)));
    }

    [Theory]
    [InlineData("unknown-time-mode.json", "'time' is 'Advanci.g', not one of")]
    [InlineData("unknown-violation-kind.json", "'kind' is 'Livene s', not one of")]
    public void FuzzFoundCounterexamples_AreRejectedWithTheFieldNamed(string file, string message)
    {
        var text = File.ReadAllText(Path.Combine(s_fuzz, "regressions", "counterexample", file));
        Assert.Contains(message, Assert.Throws<FormatException>(() => Counterexample.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FuzzFoundCompilerInput_IsInvalidCSharp_NotAnInternalError()
    {
        // Roslyn throws placing a diagnostic for a DEL before a line break in a parameter list.
        var result = Mace.Compiler.MaceCompiler.Compile("del.mace", "transitions downcall(\u007f\n)", Mace.Compiler.MaceCompilerOptions.Default);
        Assert.Contains(result.Diagnostics, d => d.Id == "MACE1009" && d.Message.Contains("CS1525", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "MACE9001");
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mace.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("the tests run from inside the repository (artifacts/bin/...)");
    }
}
