namespace Mace.Runtime.Serialization;

/// <summary>
/// A message from a peer did not decode: truncated, a length or count beyond the bytes left, an
/// unknown message tag, or trailing bytes. Raised at the transport boundary, where the message is
/// dropped and counted and the connection to that peer is closed.
/// </summary>
public sealed class MaceFormatException : Exception
{
    /// <summary>Creates the error at byte <paramref name="position"/>.</summary>
    public MaceFormatException(string message, int position)
        : base($"{message} (at byte {position})")
    {
        Position = position;
    }

    /// <summary>Creates the error.</summary>
    public MaceFormatException()
    {
    }

    /// <summary>Creates the error.</summary>
    public MaceFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public MaceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The byte offset in the payload where decoding failed.</summary>
    public int Position { get; }
}
