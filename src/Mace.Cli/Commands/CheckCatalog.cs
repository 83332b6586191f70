using System.Reflection;
using Mace.Checking;

namespace Mace.Cli.Commands;

/// <summary>Where <c>mace check</c> and <c>mace replay</c> find tests: the bundled sample tests, plus any assemblies named on the command line.</summary>
internal static class CheckCatalog
{
    public static CheckTestRegistry Load(IEnumerable<FileInfo> assemblies)
    {
        var all = new List<Assembly> { typeof(CheckingServices.SampleCheckTests).Assembly };
        foreach (var file in assemblies)
        {
            if (!file.Exists) throw new FileNotFoundException($"assembly '{file.FullName}' not found", file.FullName);
            all.Add(Assembly.LoadFrom(file.FullName));
        }
        return CheckTestRegistry.FromAssemblies(all.Distinct());
    }
}
