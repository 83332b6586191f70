using System.Reflection;

namespace Mace.Cli.Commands;

/// <summary>A user assembly that cannot be used, with a message naming the file and the cause.</summary>
internal sealed class UserAssemblyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads the assemblies named by <c>--assembly</c> (for <c>mace run</c>, <c>sim</c>, <c>check</c> and
/// <c>replay</c>) and finds the types they contribute, turning every way that can go wrong into one
/// <see cref="UserAssemblyException"/> with a readable message.
/// </summary>
internal static class UserAssemblies
{
    public static Assembly Load(FileInfo file)
    {
        if (!file.Exists) throw new UserAssemblyException($"assembly '{file.FullName}' not found");
        try
        {
            return Assembly.LoadFrom(file.FullName);
        }
        catch (BadImageFormatException ex)
        {
            throw new UserAssemblyException($"'{file.FullName}' is not a .NET assembly ({ex.Message})", ex);
        }
        catch (FileLoadException ex)
        {
            throw new UserAssemblyException($"cannot load '{file.FullName}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// One instance of every public, non-abstract subclass of <typeparamref name="T"/> in
    /// <paramref name="assembly"/> that has a public parameterless constructor, in type-name order.
    /// </summary>
    public static IReadOnlyList<T> CreateAll<T>(Assembly assembly) where T : class
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var cause = ex is ReflectionTypeLoadException load && load.LoaderExceptions.FirstOrDefault(e => e is not null) is { } first ? first.Message : ex.Message;
            throw new UserAssemblyException($"cannot read the types of '{assembly.Location}': {cause} (are its dependencies beside it?)", ex);
        }
        var found = new List<T>();
        foreach (var type in types.Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            try
            {
                found.Add((T)Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException ex)
            {
                throw new UserAssemblyException($"cannot create {type.FullName} from '{assembly.Location}': {ex.InnerException?.Message ?? ex.Message}", ex);
            }
        }
        return found;
    }
}
