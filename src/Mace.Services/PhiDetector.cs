namespace Mace.Services;

/// <summary>The phi accrual bookkeeping of <see cref="PhiDetector"/> (plain C#: a window per peer is not wire state).</summary>
public sealed partial class PhiDetector
{
    private PhiAccrualHistory? _history;

    private PhiAccrualHistory History => _history ??= new PhiAccrualHistory(HeartbeatInterval, MinStdDeviation, AcceptablePause);
}
