namespace Mace.Checking.Search;

/// <summary>A recorded choice no longer fits the options offered: the services or options changed since it was recorded.</summary>
public sealed class ReplayDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplayDivergedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplayDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
