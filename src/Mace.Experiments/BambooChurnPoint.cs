using Mace.Services;

namespace Mace.Experiments;

/// <summary>One (overlay, churn rate) point of the churn experiment.</summary>
public sealed record BambooChurnPoint(
    OverlayKind Overlay,
    double Lambda,
    long Lookups,
    double ConsistentPercent,
    double MeanLatencyMs,
    double MedianLatencyMs,
    double MeanHops,
    double MaintenanceBytesPerNodePerSecond,
    double ReplyPercent,
    double WallSeconds,
    long Events);
