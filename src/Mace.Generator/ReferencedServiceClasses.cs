using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mace.Generator;

/// <summary>
/// Finds the serviceclass declarations that referenced assemblies carry in their
/// <c>[MaceServiceClass(name, declaration)]</c> interface attributes. Only assemblies that are, or
/// reference, Mace.Runtime are walked, so framework assemblies cost one check each. Shared with
/// the <c>mace compile</c> CLI (linked), so both see the same interfaces.
/// </summary>
internal static class ReferencedServiceClasses
{
    private const string RuntimeAssembly = "Mace.Runtime";
    private const string AttributeName = "Mace.Runtime.MaceServiceClassAttribute";

    public static ImmutableArray<string> Collect(Compilation compilation, CancellationToken cancellationToken)
    {
        var declarations = ImmutableArray.CreateBuilder<string>();
        foreach (var reference in compilation.References)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly) continue;
            if (!IsMaceAssembly(assembly)) continue;
            Walk(assembly.GlobalNamespace, declarations, cancellationToken);
        }
        return declarations.OrderBy(d => d, StringComparer.Ordinal).ToImmutableArray();
    }

    private static bool IsMaceAssembly(IAssemblySymbol assembly)
    {
        if (assembly.Name == RuntimeAssembly) return true;
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name == RuntimeAssembly) return true;
            }
        }
        return false;
    }

    private static void Walk(INamespaceSymbol ns, ImmutableArray<string>.Builder declarations, CancellationToken cancellationToken)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            if (type.TypeKind != TypeKind.Interface || type.DeclaredAccessibility != Accessibility.Public) continue;
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != AttributeName || attribute.ConstructorArguments.Length != 2) continue;
                if (attribute.ConstructorArguments[1].Value is string declaration)
                {
                    var containing = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
                    declarations.Add(containing is null || declaration.StartsWith("namespace ", StringComparison.Ordinal)
                        ? declaration
                        : $"namespace {containing};\n{declaration}");
                }
            }
        }
        foreach (var child in ns.GetNamespaceMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Walk(child, declarations, cancellationToken);
        }
    }
}
