namespace Mace.Benchmarks.Peers;

/// <summary>The messaging stacks compared side by side.</summary>
public enum PeerKind
{
    /// <summary>Two Mace nodes through <c>TcpTransport</c>.</summary>
    Mace,

    /// <summary>The same two Mace nodes with transport security on: mutual TLS 1.3 with dev certificates from one cluster CA.</summary>
    MaceTls,

    /// <summary>A bare socket pair with the Mace frame format: the physical limit, not a library.</summary>
    PlainSocket,

    /// <summary>NetMQ (ZeroMQ in C#): PUSH/PULL for streams, DEALER/ROUTER for requests.</summary>
    NetMQ,

    /// <summary>Akka.NET remoting over its default DotNetty TCP transport.</summary>
    AkkaRemote,

    /// <summary>Proto.Actor remoting over gRPC.</summary>
    ProtoRemote,
}
