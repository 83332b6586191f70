using Mace.Runtime;

namespace Mace.Experiments;

/// <summary>One upcall the ping application saw: a response (with its RTT) or a failure.</summary>
/// <param name="Time">Virtual time in ticks.</param>
/// <param name="Host">The pinging host.</param>
/// <param name="Peer">The monitored peer.</param>
/// <param name="Responded">True for <c>PeerResponded</c>, false for <c>PeerFailed</c>.</param>
/// <param name="Rtt">The round-trip time of a response.</param>
public sealed record PingObservation(long Time, int Host, NodeAddress Peer, bool Responded, TimeSpan Rtt);
