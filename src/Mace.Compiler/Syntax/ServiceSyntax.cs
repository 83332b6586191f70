using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// <c>service Name [: Provided, ...];</c> with its header options and blocks. Blocks appear at most
/// once each; <see cref="Blocks"/> records which were written, and where, for duplicate checks.
/// </summary>
public sealed record ServiceSyntax(
    IdentifierSyntax Name,
    ImmutableArray<IdentifierSyntax> Provides,
    ImmutableArray<OptionSyntax> Options,
    ImmutableArray<BlockSyntax> Blocks,
    ImmutableArray<VariableSyntax> Constants,
    ImmutableArray<VariableSyntax> ConstructorParameters,
    ImmutableArray<LowerServiceSyntax> LowerServices,
    ImmutableArray<IdentifierSyntax> States,
    ImmutableArray<TypedefSyntax> Typedefs,
    ImmutableArray<AutoTypeSyntax> AutoTypes,
    ImmutableArray<MessageSyntax> Messages,
    ImmutableArray<VariableSyntax> StateVariables,
    ImmutableArray<TimerSyntax> Timers,
    ImmutableArray<TransitionSyntax> Transitions,
    ImmutableArray<CSharpCodeSyntax> Routines,
    ImmutableArray<PropertySyntax> Properties,
    ImmutableArray<DetectSyntax> Detects,
    MaceSpan Span);
