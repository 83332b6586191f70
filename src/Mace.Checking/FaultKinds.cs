namespace Mace.Checking;

/// <summary>The faults the chooser may inject, each within its own budget (<see cref="CheckOptions"/>).</summary>
[Flags]
public enum FaultKinds
{
    /// <summary>No faults: every message arrives, no node fails.</summary>
    None = 0,

    /// <summary>A node crashes: its state, timers and lane are lost; peers with open connections get <c>Error(PeerDead)</c>.</summary>
    Crash = 1,

    /// <summary>A crashed node restarts as a new incarnation that runs <c>MaceInit</c> again.</summary>
    Restart = 2,

    /// <summary>A UDP-like datagram in flight is lost.</summary>
    Loss = 4,

    /// <summary>An open TCP-like connection breaks: queued messages both ways are lost, both ends get <c>Error(ReadFailed)</c>.</summary>
    Error = 8,
}
