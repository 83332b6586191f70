namespace Mace.Generator.Tests;

/// <summary>The sample .mace files copied beside the test assembly.</summary>
internal static class Inputs
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Inputs", name));
}
