using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>A message (tag = declaration order) or an auto_type (tag unused).</summary>
internal sealed record MessageSymbol(string Name, int Tag, ImmutableArray<FieldSymbol> Fields, IdentifierSyntax NameSyntax, bool IsAutoType);
