using Mace.Experiments;
using Mace.Simulation.Harness;

namespace Mace.Cli.Commands;

/// <summary>The scenarios of the assemblies named by <c>mace sim --assembly</c>.</summary>
internal static class UserScenarios
{
    /// <exception cref="UserAssemblyException">An assembly cannot be loaded, declares no scenario, or reuses a scenario name.</exception>
    public static IReadOnlyList<Scenario> Load(IEnumerable<FileInfo> assemblies)
    {
        var all = new List<Scenario>();
        foreach (var file in assemblies)
        {
            var found = UserAssemblies.CreateAll<Scenario>(UserAssemblies.Load(file));
            if (found.Count == 0) throw new UserAssemblyException($"'{file.FullName}' declares no public Scenario subclass with a parameterless constructor");
            foreach (var scenario in found)
            {
                if (ScenarioCatalog.Create(scenario.Name) is not null || all.Any(s => s.Name == scenario.Name))
                {
                    throw new UserAssemblyException($"scenario name '{scenario.Name}' of {scenario.GetType().FullName} (from '{file.FullName}') is already taken");
                }
                all.Add(scenario);
            }
        }
        return all;
    }
}
