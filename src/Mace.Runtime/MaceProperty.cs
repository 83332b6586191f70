namespace Mace.Runtime;

/// <summary>A named property of service <typeparamref name="TService"/>, evaluated over the service instance of every node.</summary>
public sealed record MaceProperty<TService>(string Name, PropertyKind Kind, Func<IReadOnlyList<TService>, bool> Holds)
    where TService : class;
