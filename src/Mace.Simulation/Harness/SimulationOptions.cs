using Mace.Simulation.Network;

namespace Mace.Simulation.Harness;

/// <summary>Everything that, with the scenario, fixes a run: same options, same seed, same run.</summary>
public sealed record SimulationOptions
{
    /// <summary>Nodes started at the beginning.</summary>
    public int Nodes { get; init; } = 100;

    /// <summary>The run seed; every random stream derives from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Virtual time to simulate.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Initial nodes start spread uniformly over this window (so timers are not in lockstep).</summary>
    public TimeSpan StartWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Poisson churn; rate zero for none.</summary>
    public ChurnOptions Churn { get; init; } = new();

    /// <summary>Faults at fixed times.</summary>
    public IReadOnlyList<ScriptedFault> Faults { get; init; } = [];

    /// <summary>The topology: <c>transit-stub</c>, <c>king:FILE</c> or <c>constant:MS</c>.</summary>
    public string Topology { get; init; } = "transit-stub";

    /// <summary>The shape of a generated transit-stub topology.</summary>
    public TransitStubOptions TransitStub { get; init; } = new();

    /// <summary>Links and loss.</summary>
    public NetworkOptions Network { get; init; } = new();

    /// <summary>When true, an exception in any node's event stops the run.</summary>
    public bool ThrowOnEventFailure { get; init; }

    /// <summary>Where every node's trace records go (a <see cref="Mace.Runtime.Tracing.TraceLogWriter"/> for <c>mace sim --trace-log</c>); null for none.</summary>
    public Mace.Runtime.ITraceSink? TraceSink { get; init; }

    /// <summary>A trace level for every service of every node in place of the declared ones; null keeps them.</summary>
    public Mace.Runtime.Tracing.TraceLevel? TraceLevel { get; init; }

    /// <summary>Checks the options, throwing <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Nodes < 1) throw new ArgumentException("the number of nodes must be at least 1");
        if (Duration <= TimeSpan.Zero) throw new ArgumentException("the duration must be positive");
        if (StartWindow < TimeSpan.Zero) throw new ArgumentException("the start window must not be negative");
        if (Churn.Rate < 0 || double.IsNaN(Churn.Rate) || double.IsInfinity(Churn.Rate)) throw new ArgumentException("the churn rate must be a finite number >= 0");
        if (Churn.BootstrapHost < 0 || Churn.BootstrapHost >= Nodes) throw new ArgumentException("the bootstrap host must be one of the initial nodes");
        Network.Validate();
        TransitStub.Validate();
    }
}
