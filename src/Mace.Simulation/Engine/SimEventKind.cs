namespace Mace.Simulation.Engine;

/// <summary>What an event is; part of the run digest, so the values are stable.</summary>
public enum SimEventKind : byte
{
    /// <summary>Work posted to a node's lane.</summary>
    Post = 1,

    /// <summary>A node's timer.</summary>
    Timer = 2,

    /// <summary>A message arriving at a node.</summary>
    Deliver = 3,

    /// <summary>A transport error upcall.</summary>
    TransportError = 4,

    /// <summary>A crash, restart, partition, heal or churn step.</summary>
    Fault = 5,

    /// <summary>An application call from the scenario's workload.</summary>
    Workload = 6,

    /// <summary>Anything else (benchmarks, tests).</summary>
    Other = 7,
}
