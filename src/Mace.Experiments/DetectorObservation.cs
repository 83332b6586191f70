using Mace.Runtime;

namespace Mace.Experiments;

/// <summary>One upcall a failure detector delivered in a <see cref="FailureDetectionScenario"/>.</summary>
/// <param name="Time">Virtual time in ticks.</param>
/// <param name="Watcher">The host whose detector raised it.</param>
/// <param name="Peer">The watched peer.</param>
/// <param name="Suspected">True for <c>PeerSuspected</c>, false for <c>PeerRecovered</c>.</param>
/// <param name="PeerFailed">True when the peer was in fact down or cut off from the watcher at that moment.</param>
public sealed record DetectorObservation(long Time, int Watcher, NodeAddress Peer, bool Suspected, bool PeerFailed);
