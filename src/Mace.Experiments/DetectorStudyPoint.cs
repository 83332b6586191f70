namespace Mace.Experiments;

/// <summary>One configuration of the failure-detection study, measured at one UDP loss rate.</summary>
/// <param name="Detector">The detector and its settings, for the table (for example <c>probe 0.5s/5s</c> or <c>phi 1s/8</c>).</param>
/// <param name="Kind">The detector kind.</param>
/// <param name="PeriodSeconds">The probe or heartbeat period.</param>
/// <param name="TimeoutSeconds">The probe detector's timeout; 0 for phi.</param>
/// <param name="PhiThreshold">The phi threshold; 0 for the probe detector.</param>
/// <param name="Loss">The UDP loss probability.</param>
/// <param name="Detections">Suspicions of crashed peers.</param>
/// <param name="Missed">Watchers of a crashed peer that never suspected it.</param>
/// <param name="MeanDetectionSeconds">Mean time from crash to suspicion.</param>
/// <param name="MaxDetectionSeconds">Longest time from crash to suspicion.</param>
/// <param name="FalsePositives">Suspicions of peers that were up and reachable.</param>
/// <param name="FalsePositivesPerPairHour">False positives per watched pair per hour.</param>
/// <param name="BytesPerNodePerSecond">Detector traffic per node (both directions' sends).</param>
public sealed record DetectorStudyPoint(
    string Detector,
    DetectorKind Kind,
    double PeriodSeconds,
    double TimeoutSeconds,
    double PhiThreshold,
    double Loss,
    long Detections,
    long Missed,
    double MeanDetectionSeconds,
    double MaxDetectionSeconds,
    long FalsePositives,
    double FalsePositivesPerPairHour,
    double BytesPerNodePerSecond);
