namespace Mace.Cli.Commands;

/// <summary>The raw arguments of <c>mace sim</c>, before validation.</summary>
internal sealed record SimSettings(
    string Scenario, int Nodes, string Seed, string Duration, double Churn, string Topology, string Output,
    string[] Faults, string Bandwidth, double UdpLoss, bool NoProgress, bool NoPlot, FileInfo[] Assemblies,
    FileInfo? TraceLog = null, Mace.Runtime.Tracing.TraceLevel? TraceLevel = null, string? ChurnWindow = null)
{
    /// <summary>The <c>--downlink</c> range, MIN-MAX in Mbps or <c>unlimited</c>.</summary>
    public string Downlink { get; init; } = "unlimited";
}
