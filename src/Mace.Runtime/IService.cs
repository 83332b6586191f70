namespace Mace.Runtime;

/// <summary>
/// What every service (generated or hand-written) offers its node: the three lifecycle downcalls.
/// Each reaches every layer exactly once per call, lower layers first.
/// </summary>
public interface IService
{
    /// <summary>The service's name as written in its <c>.mace</c> file.</summary>
    string ServiceName { get; }

    /// <summary>Starts the service and, first, the services below it.</summary>
    void MaceInit();

    /// <summary>Stops the service, then the services below it.</summary>
    void MaceExit();

    /// <summary>Returns the service and the services below it to their initial state.</summary>
    void MaceReset();
}
