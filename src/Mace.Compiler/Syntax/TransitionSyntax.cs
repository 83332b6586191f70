using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// One transition. <see cref="Guards"/> holds the enclosing guard blocks' expressions, outermost
/// first, then the transition's own inline guard; all must hold. <see cref="AspectVariables"/> is
/// non-empty only for aspects.
/// </summary>
public sealed record TransitionSyntax(
    TransitionKind Kind,
    ImmutableArray<IdentifierSyntax> AspectVariables,
    ImmutableArray<CSharpCodeSyntax> Guards,
    IdentifierSyntax Name,
    ImmutableArray<ParameterSyntax> Parameters,
    ImmutableArray<OptionSyntax> Options,
    CSharpCodeSyntax Body,
    MaceSpan Span);
