namespace Mace.Runtime.Serialization;

/// <summary>
/// A generated message: immutable, with value equality. <see cref="Serialize"/> writes its type tag
/// (a varint, unique among the messages of its service) and then its fields; the receiving service's
/// generated demultiplexer reads the tag and calls the message's static <c>Deserialize</c>.
/// </summary>
public interface IMessage
{
    /// <summary>The message's tag within its service.</summary>
    int MessageTag { get; }

    /// <summary>Writes the tag, then every field in declaration order.</summary>
    void Serialize(ref MaceWriter writer);
}
