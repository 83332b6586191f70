namespace Mace.Services;

/// <summary>The key-based overlays the library provides.</summary>
public enum OverlayKind
{
    /// <summary><see cref="Services.Bamboo"/>: Pastry with periodic recovery.</summary>
    Bamboo,

    /// <summary><see cref="Services.Pastry"/>: leaf set, prefix table, reactive recovery.</summary>
    Pastry,

    /// <summary><see cref="Services.Chord"/>: successor list, fingers, stabilize.</summary>
    Chord,
}
