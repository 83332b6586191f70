using System.Net;
using Mace.Runtime.Transports;
using Mace.Runtime.Transports.Security;

namespace Mace.Runtime.Hosting;

/// <summary>How a real node binds, frames, queues and times out. Shared by its TCP and UDP transports.</summary>
public sealed record RealNodeOptions
{
    /// <summary>The local IPv4 address to bind; loopback by default.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The address peers are told to reply to when <see cref="BindAddress"/> is a wildcard
    /// (0.0.0.0); ignored otherwise. Defaults to loopback.
    /// </summary>
    public IPAddress? AdvertiseAddress { get; init; }

    /// <summary>The port to bind; 0 picks an ephemeral one (the node's address then carries it).</summary>
    public int Port { get; init; }

    /// <summary>The largest frame body (bytes after the length prefix) sent or accepted.</summary>
    public int MaxFrameSize { get; init; } = FrameCodec.DefaultMaxFrameSize;

    /// <summary>Frames queued per peer before further sends are dropped with <see cref="TransportError.QueueFull"/>.</summary>
    public int SendQueueCapacity { get; init; } = 4096;

    /// <summary>How long opening a connection may take before <see cref="TransportError.ConnectTimeout"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one socket write may take before <see cref="TransportError.WriteTimeout"/>.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Transport security: null (the default, for loopback development) sends plain frames; set,
    /// TCP runs mutual TLS 1.3 and UDP authenticates every datagram, and a peer may send only as an
    /// address its certificate names (<c>docs/reliability.md</c>).
    /// </summary>
    public TransportSecurity? Security { get; init; }

    /// <summary>
    /// How long an accepted connection may take to finish its TLS handshake (when secured) and
    /// deliver its first whole frame; a slower one is closed (slowloris defence).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most TCP connections open at once (inbound and outbound). At the cap an accepted
    /// connection first evicts the oldest inbound connection not yet identified; if every one is
    /// identified, the new connection is closed.
    /// </summary>
    public int MaxConnections { get; init; } = 4096;

    /// <summary>
    /// Bytes one connection may have received and handed to the lane but not yet dispatched; the
    /// receive loop stops reading (TCP pushes back on the peer) until the lane catches up.
    /// </summary>
    public int MaxPendingReceiveBytes { get; init; } = 1024 * 1024;

    /// <summary>Datagrams received and not yet dispatched by the lane; more are dropped and counted.</summary>
    public int MaxQueuedDatagrams { get; init; } = 4096;

    /// <summary>The seed of the node's random source; null draws one (and logs it, so a run can be repeated).</summary>
    public int? Seed { get; init; }

    /// <summary>The most events one lane turn runs before yielding its thread-pool thread.</summary>
    public int LaneBatchSize { get; init; } = 64;

    /// <summary>The clock and timer source; the system one unless a test supplies its own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (BindAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) throw new ArgumentException($"bind address {BindAddress} is not IPv4", nameof(BindAddress));
        if (Port is < 0 or > 65535) throw new ArgumentException($"port {Port} is not 0 to 65535", nameof(Port));
        if (MaxFrameSize < FrameCodec.MinBodySize) throw new ArgumentException($"max frame size {MaxFrameSize} is below {FrameCodec.MinBodySize}", nameof(MaxFrameSize));
        if (SendQueueCapacity < 1) throw new ArgumentException("send queue capacity must be at least 1", nameof(SendQueueCapacity));
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("connect timeout must be positive", nameof(ConnectTimeout));
        if (WriteTimeout <= TimeSpan.Zero) throw new ArgumentException("write timeout must be positive", nameof(WriteTimeout));
        if (HandshakeTimeout <= TimeSpan.Zero) throw new ArgumentException("handshake timeout must be positive", nameof(HandshakeTimeout));
        if (MaxConnections < 1) throw new ArgumentException("max connections must be at least 1", nameof(MaxConnections));
        if (MaxPendingReceiveBytes < 1) throw new ArgumentException("max pending receive bytes must be at least 1", nameof(MaxPendingReceiveBytes));
        if (MaxQueuedDatagrams < 1) throw new ArgumentException("max queued datagrams must be at least 1", nameof(MaxQueuedDatagrams));
        if (LaneBatchSize < 1) throw new ArgumentException("lane batch size must be at least 1", nameof(LaneBatchSize));
    }
}
