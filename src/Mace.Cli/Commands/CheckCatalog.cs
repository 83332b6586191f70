using System.Reflection;
using Mace.Checking;

namespace Mace.Cli.Commands;

/// <summary>Where <c>mace check</c> and <c>mace replay</c> find tests: the bundled sample tests, plus any assemblies named on the command line.</summary>
internal static class CheckCatalog
{
    /// <summary>The assembly of the tests every <c>mace</c> knows without <c>--assembly</c>.</summary>
    public static Assembly Bundled => typeof(CheckingServices.SampleCheckTests).Assembly;

    public static CheckTestRegistry Load(IEnumerable<FileInfo> assemblies)
    {
        var all = new List<Assembly> { Bundled };
        foreach (var file in assemblies) all.Add(UserAssemblies.Load(file));
        return CheckTestRegistry.FromAssemblies(all.Distinct());
    }

    /// <summary>The file of the user assembly that declares <paramref name="test"/>, or null for a bundled test.</summary>
    public static string? UserAssemblyOf(CheckTestRegistry registry, string test) =>
        registry.DeclaringAssembly(test) is { } assembly && assembly != Bundled ? assembly.Location : null;

    /// <summary>A path as one shell word: quoted when it holds anything a POSIX shell would split or expand.</summary>
    public static string ShellWord(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || "/._-+:=@,".Contains(c, StringComparison.Ordinal)) ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
