namespace Mace.Runtime;

/// <summary>Implemented by services with aspects: called once at the end of every outermost event.</summary>
public interface IEndOfEventHook
{
    /// <summary>Compares watched state with its shadow copy and fires aspects. Lane only.</summary>
    void OnEndOfEvent();
}
