namespace Mace.Checking;

/// <summary>Supplies checker tests to <see cref="CheckTestRegistry"/>; name it with <see cref="CheckTestProviderAttribute"/>.</summary>
public interface ICheckTestProvider
{
    /// <summary>The tests this assembly defines.</summary>
    IEnumerable<CheckTest> GetTests();
}
