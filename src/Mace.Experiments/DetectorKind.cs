namespace Mace.Experiments;

/// <summary>The failure detector a <see cref="FailureDetectionScenario"/> runs.</summary>
public enum DetectorKind
{
    /// <summary><see cref="Services.ProbeDetector"/>: a Mace <c>detect</c> block with a fixed timeout.</summary>
    Probe,

    /// <summary><see cref="Services.PhiDetector"/>: phi accrual with Akka.NET's defaults.</summary>
    Phi,
}
