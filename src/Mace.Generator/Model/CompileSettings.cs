namespace Mace.Generator.Model;

/// <summary>What every file's compilation shares: the default namespace and every visible serviceclass declaration.</summary>
internal sealed record CompileSettings(string DefaultNamespace, EquatableArray<DeclarationInput> Declarations);
