namespace Mace.Runtime;

/// <summary>The lifecycle downcalls a node sends through its stack.</summary>
public enum LifecyclePhase
{
    /// <summary><c>MaceInit</c>.</summary>
    Init,

    /// <summary><c>MaceExit</c>.</summary>
    Exit,

    /// <summary><c>MaceReset</c>.</summary>
    Reset,
}
