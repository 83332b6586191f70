using System.Reflection;

namespace Mace.Checking;

/// <summary>Checker tests by name, collected from the providers that assemblies declare.</summary>
public sealed class CheckTestRegistry
{
    private readonly SortedDictionary<string, CheckTest> _tests = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Assembly> _declaredBy = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every test, ordered by name.</summary>
    public IReadOnlyCollection<CheckTest> Tests => _tests.Values;

    /// <summary>A registry of the tests declared by <paramref name="assemblies"/>.</summary>
    public static CheckTestRegistry FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var registry = new CheckTestRegistry();
        foreach (var assembly in assemblies)
        {
            foreach (var attribute in assembly.GetCustomAttributes<CheckTestProviderAttribute>())
            {
                var provider = (ICheckTestProvider)Activator.CreateInstance(attribute.ProviderType)!;
                foreach (var test in provider.GetTests())
                {
                    registry.Add(test);
                    registry._declaredBy[test.Name] = assembly;
                }
            }
        }
        return registry;
    }

    /// <summary>Adds <paramref name="test"/>; names are unique, case-insensitively.</summary>
    public void Add(CheckTest test)
    {
        if (!_tests.TryAdd(test.Name, test)) throw new InvalidOperationException($"two checker tests are named '{test.Name}'");
    }

    /// <summary>The assembly whose provider declared the test called <paramref name="name"/>, or null for a test added directly.</summary>
    public Assembly? DeclaringAssembly(string name) => _declaredBy.GetValueOrDefault(name);

    /// <summary>The test called <paramref name="name"/>, or null.</summary>
    public CheckTest? Find(string name) => _tests.GetValueOrDefault(name);
}
