using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// Accumulates the parts of the service while the parser walks the file: the header and the blocks
/// may come in any order (serviceclasses may sit between them).
/// </summary>
internal sealed class ServiceBuilder
{
    public IdentifierSyntax? Name { get; set; }

    public ImmutableArray<IdentifierSyntax> Provides { get; set; } = ImmutableArray<IdentifierSyntax>.Empty;

    /// <summary>Offset of the <c>service</c> keyword.</summary>
    public int Start { get; set; }

    /// <summary>End offset of the last header line or block of the service.</summary>
    public int End { get; set; }

    public ImmutableArray<OptionSyntax>.Builder Options { get; } = ImmutableArray.CreateBuilder<OptionSyntax>();

    public ImmutableArray<BlockSyntax>.Builder Blocks { get; } = ImmutableArray.CreateBuilder<BlockSyntax>();

    public ImmutableArray<VariableSyntax>.Builder Constants { get; } = ImmutableArray.CreateBuilder<VariableSyntax>();

    public ImmutableArray<VariableSyntax>.Builder ConstructorParameters { get; } = ImmutableArray.CreateBuilder<VariableSyntax>();

    public ImmutableArray<LowerServiceSyntax>.Builder LowerServices { get; } = ImmutableArray.CreateBuilder<LowerServiceSyntax>();

    public ImmutableArray<IdentifierSyntax>.Builder States { get; } = ImmutableArray.CreateBuilder<IdentifierSyntax>();

    public ImmutableArray<TypedefSyntax>.Builder Typedefs { get; } = ImmutableArray.CreateBuilder<TypedefSyntax>();

    public ImmutableArray<AutoTypeSyntax>.Builder AutoTypes { get; } = ImmutableArray.CreateBuilder<AutoTypeSyntax>();

    public ImmutableArray<MessageSyntax>.Builder Messages { get; } = ImmutableArray.CreateBuilder<MessageSyntax>();

    public ImmutableArray<VariableSyntax>.Builder StateVariables { get; } = ImmutableArray.CreateBuilder<VariableSyntax>();

    public ImmutableArray<TimerSyntax>.Builder Timers { get; } = ImmutableArray.CreateBuilder<TimerSyntax>();

    public ImmutableArray<TransitionSyntax>.Builder Transitions { get; } = ImmutableArray.CreateBuilder<TransitionSyntax>();

    public ImmutableArray<CSharpCodeSyntax>.Builder Routines { get; } = ImmutableArray.CreateBuilder<CSharpCodeSyntax>();

    public ImmutableArray<PropertySyntax>.Builder Properties { get; } = ImmutableArray.CreateBuilder<PropertySyntax>();

    public ImmutableArray<DetectSyntax>.Builder Detects { get; } = ImmutableArray.CreateBuilder<DetectSyntax>();

    public void AddOption(OptionSyntax option)
    {
        Options.Add(option);
        End = Math.Max(End, option.Span.End);
    }

    public ServiceSyntax Build(MaceSpan span) => new(
        Name!,
        Provides,
        Options.ToImmutable(),
        Blocks.ToImmutable(),
        Constants.ToImmutable(),
        ConstructorParameters.ToImmutable(),
        LowerServices.ToImmutable(),
        States.ToImmutable(),
        Typedefs.ToImmutable(),
        AutoTypes.ToImmutable(),
        Messages.ToImmutable(),
        StateVariables.ToImmutable(),
        Timers.ToImmutable(),
        Transitions.ToImmutable(),
        Routines.ToImmutable(),
        Properties.ToImmutable(),
        Detects.ToImmutable(),
        span);
}
