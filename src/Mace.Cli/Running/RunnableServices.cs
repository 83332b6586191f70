using Mace.Cli.Commands;
using Mace.Runtime.Hosting;
using Mace.Services.Applications;

namespace Mace.Cli.Running;

/// <summary>
/// The applications <c>mace run</c> knows by name (ignoring case): the bundled ones, then every
/// <see cref="NodeApplication"/> in the assemblies named with <c>--assembly</c>.
/// </summary>
internal static class RunnableServices
{
    public static IReadOnlyList<NodeApplication> Bundled { get; } = [new PingNodeApplication(), new ProbeDetectorNodeApplication(), new DhtNodeApplication()];

    /// <summary>The bundled applications plus those of <paramref name="assemblies"/>; a name given twice is an error naming both.</summary>
    /// <exception cref="UserAssemblyException">An assembly cannot be loaded, or two applications share a name.</exception>
    public static IReadOnlyList<NodeApplication> Load(IEnumerable<FileInfo> assemblies)
    {
        var all = new List<NodeApplication>(Bundled);
        foreach (var file in assemblies)
        {
            var assembly = UserAssemblies.Load(file);
            var found = UserAssemblies.CreateAll<NodeApplication>(assembly);
            if (found.Count == 0) throw new UserAssemblyException($"'{file.FullName}' declares no public NodeApplication subclass with a parameterless constructor");
            foreach (var application in found)
            {
                if (all.FirstOrDefault(a => string.Equals(a.Name, application.Name, StringComparison.OrdinalIgnoreCase)) is { } clash)
                {
                    throw new UserAssemblyException($"two applications are named '{application.Name}': {clash.GetType().FullName} and {application.GetType().FullName} (from '{file.FullName}')");
                }
                all.Add(application);
            }
        }
        return all;
    }

    public static string Names(IEnumerable<NodeApplication> applications) => string.Join(", ", applications.Select(s => s.Name));

    public static NodeApplication? Find(IEnumerable<NodeApplication> applications, string name) =>
        applications.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
