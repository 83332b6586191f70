using System.Diagnostics;

namespace Mace.Runtime.Tracing;

/// <summary>
/// The <see cref="ActivitySource"/> running nodes create their path spans on: one span per event on
/// a causal path, its trace id the path's, its parent the span of the event that sent the message
/// (or set the timer) that caused it, across processes. Add it to an OpenTelemetry
/// <c>TracerProvider</c> with <c>.AddSource(MaceActivity.SourceName)</c>; with no listener nodes
/// create no spans.
/// </summary>
public static class MaceActivity
{
    /// <summary>The source's name: <c>Mace</c>.</summary>
    public const string SourceName = "Mace";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
