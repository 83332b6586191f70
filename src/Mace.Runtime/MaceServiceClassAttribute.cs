namespace Mace.Runtime;

/// <summary>
/// Left by the compiler on every interface it generates from a <c>serviceclass</c>, carrying the
/// declaration's Mace source, so that services in other projects can use the interface: the
/// generator reads these from referenced assemblies.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class MaceServiceClassAttribute : Attribute
{
    /// <summary>Records the serviceclass <paramref name="name"/> and its <paramref name="declaration"/>.</summary>
    public MaceServiceClassAttribute(string name, string declaration)
    {
        Name = name;
        Declaration = declaration;
    }

    /// <summary>The serviceclass name.</summary>
    public string Name { get; }

    /// <summary>The declaration in Mace syntax (normalized), including its <c>using</c> lines.</summary>
    public string Declaration { get; }
}
