namespace Mace.Generator;

/// <summary>Names of the generator's pipeline steps, asserted by the caching tests.</summary>
internal static class TrackingNames
{
    public const string Files = nameof(Files);
    public const string FileDeclarations = nameof(FileDeclarations);
    public const string ReferencedDeclarations = nameof(ReferencedDeclarations);
    public const string Settings = nameof(Settings);
    public const string Generated = nameof(Generated);
}
