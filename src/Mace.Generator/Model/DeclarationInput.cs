namespace Mace.Generator.Model;

/// <summary>A serviceclass declaration (Mace source) visible to the project, and the .mace file it came from (null: a referenced assembly).</summary>
internal sealed record DeclarationInput(string? SourcePath, string Declaration);
