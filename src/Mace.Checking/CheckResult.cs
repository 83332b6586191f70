using Mace.Checking.Search;
using Mace.Checking.Tracing;

namespace Mace.Checking;

/// <summary>The outcome of a check: the counters, and the violation with its counterexample and trace if one was found.</summary>
public sealed record CheckResult(CheckTest Test, CheckOptions Options, SearchStats Stats, Violation? Violation)
{
    /// <summary>The counterexample file contents for <see cref="Violation"/>.</summary>
    public Counterexample? Counterexample { get; init; }

    /// <summary>The replayed trace of <see cref="Violation"/>.</summary>
    public ExecutionTrace? Trace { get; init; }

    /// <summary>True when no violation was found.</summary>
    public bool Passed => Violation is null;
}
