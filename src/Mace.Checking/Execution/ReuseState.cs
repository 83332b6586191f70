namespace Mace.Checking.Execution;

/// <summary>Whether <see cref="CheckWorld.Reset"/> reuses nodes through <c>MaceReset</c>: not yet decided, on, or off.</summary>
internal enum ReuseState : byte
{
    Unknown,
    On,
    Off,
}
