using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// A bound distributed detector. <see cref="Nodes"/>, <see cref="Guard"/>, <see cref="Period"/>,
/// <see cref="Timeout"/> and <see cref="Raise"/> are C# copied into the generated code (the C#
/// compiler types them, with errors mapped back to the .mace file). <see cref="Probe"/> is null for
/// a passive detector (fed only by <c>Reset_Name(peer)</c>); <see cref="Reply"/> is null when
/// probes are one-way heartbeats. <see cref="Via"/> and its <see cref="Send"/>/<see cref="Receive"/>
/// methods carry the probes; null only for a passive detector.
/// </summary>
internal sealed record DetectorSymbol(
    string Name,
    DetectSyntax Syntax,
    CSharpCodeSyntax Nodes,
    CSharpCodeSyntax? Guard,
    CSharpCodeSyntax Period,
    CSharpCodeSyntax Timeout,
    CSharpCodeSyntax Raise,
    MessageSymbol? Probe,
    MessageSymbol? Reply,
    LowerServiceSymbol? Via,
    MethodSymbol? Send,
    MethodSymbol? Receive)
{
    /// <summary>The generated bookkeeping field.</summary>
    public string FieldName => "__detector_" + Name;

    /// <summary>The generated probe timer.</summary>
    public string TimerName => "__detector_" + Name + "_timer";

    /// <summary>The generated one-shot timer at the earliest deadline.</summary>
    public string DeadlineTimerName => "__detector_" + Name + "_deadline";

    /// <summary>The generated probe timer's dispatcher.</summary>
    public string TickName => "__Detector_" + Name + "_Tick";

    /// <summary>The generated deadline timer's dispatcher.</summary>
    public string DeadlineName => "__Detector_" + Name + "_Deadline";

    /// <summary>The generated routine both dispatchers run.</summary>
    public string RunName => "__Detector_" + Name + "_Run";

    /// <summary>The generated routine other transitions call when they hear from a peer.</summary>
    public string ResetName => "Reset_" + Name;
}
