namespace Mace.Checking;

/// <summary>Marks an assembly's <see cref="ICheckTestProvider"/> so <c>mace check</c> finds its tests by name.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class CheckTestProviderAttribute : Attribute
{
    /// <summary>Names <paramref name="providerType"/>, which needs a public parameterless constructor.</summary>
    public CheckTestProviderAttribute(Type providerType) => ProviderType = providerType;

    /// <summary>The provider type.</summary>
    public Type ProviderType { get; }
}
