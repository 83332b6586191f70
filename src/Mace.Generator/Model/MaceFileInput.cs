namespace Mace.Generator.Model;

/// <summary>One .mace additional file: its path and text (value-equal, so unchanged files stay cached).</summary>
internal sealed record MaceFileInput(string Path, string Text);
