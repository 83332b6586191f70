using Mace.Runtime.Serialization;

namespace Mace.Runtime.FailureDetection;

/// <summary>
/// The bookkeeping behind a generated <c>detect</c> block: when each watched peer was last heard
/// from, and which peers are suspected. On every probe period the service calls
/// <see cref="Tick(DateTime, IEnumerable{NodeAddress}, TimeSpan)"/> with the current watched set,
/// and at <see cref="NextDeadline"/> it calls <see cref="Check"/>; a peer silent for longer than
/// the timeout is suspected once (reported in <see cref="Failed"/>) and cleared again by
/// <see cref="Heard"/>. A peer is first timed from the tick that sees it in the watched set, and
/// forgotten when it leaves the set. Lane only; deterministic: peers are visited in the order of the
/// watched collection.
/// </summary>
public sealed class PeerDetector
{
    private readonly Dictionary<NodeAddress, PeerRecord> _peers = [];
    private readonly List<NodeAddress> _watched = [];
    private readonly List<NodeAddress> _failed = [];
    private readonly HashSet<NodeAddress> _seen = [];
    private readonly List<NodeAddress> _gone = [];

    /// <summary>The peers watched at the last tick, in the watched collection's order (the peers to probe).</summary>
    public IReadOnlyList<NodeAddress> Watched => _watched;

    /// <summary>The peers that became suspected at the last tick (each reported once per silence).</summary>
    public IReadOnlyList<NodeAddress> Failed => _failed;

    /// <summary>The number of peers tracked.</summary>
    public int Count => _peers.Count;

    /// <summary>True when <paramref name="peer"/> is tracked and suspected.</summary>
    public bool IsSuspected(NodeAddress peer) => _peers.TryGetValue(peer, out var record) && record.Suspected;

    /// <summary>When <paramref name="peer"/> was last heard from (or first watched); null when not tracked.</summary>
    public DateTime? LastHeard(NodeAddress peer) => _peers.TryGetValue(peer, out var record) ? record.LastHeard : null;

    /// <summary>One probe period with a single watched peer (<see cref="NodeAddress.None"/> watches nobody).</summary>
    public void Tick(DateTime now, NodeAddress watched, TimeSpan timeout) =>
        Tick(now, watched.IsNone ? [] : [watched], timeout);

    /// <summary>
    /// One probe period: synchronises the tracked peers with <paramref name="watched"/>, then fills
    /// <see cref="Watched"/> and <see cref="Failed"/> (peers silent for longer than <paramref name="timeout"/>
    /// that were not suspected yet; they become suspected).
    /// </summary>
    public void Tick(DateTime now, IEnumerable<NodeAddress>? watched, TimeSpan timeout)
    {
        _watched.Clear();
        _seen.Clear();
        if (watched is not null)
        {
            foreach (var peer in watched)
            {
                if (peer.IsNone || !_seen.Add(peer)) continue;
                _watched.Add(peer);
                if (!_peers.ContainsKey(peer)) _peers[peer] = new PeerRecord(now, Suspected: false);
            }
        }
        if (_peers.Count != _seen.Count)
        {
            _gone.Clear();
            foreach (var peer in _peers.Keys)
            {
                if (!_seen.Contains(peer)) _gone.Add(peer);
            }
            foreach (var peer in _gone) _peers.Remove(peer);
        }
        Check(now, timeout);
    }

    /// <summary>
    /// The timeout check alone (between ticks, at <see cref="NextDeadline"/>): fills
    /// <see cref="Failed"/> with the watched peers silent for longer than <paramref name="timeout"/>
    /// that were not suspected yet, and marks them suspected.
    /// </summary>
    public void Check(DateTime now, TimeSpan timeout)
    {
        _failed.Clear();
        foreach (var peer in _watched)
        {
            if (!_peers.TryGetValue(peer, out var record) || record.Suspected || now - record.LastHeard <= timeout) continue;
            _peers[peer] = record with { Suspected = true };
            _failed.Add(peer);
        }
    }

    /// <summary>
    /// When the first unsuspected peer's silence reaches <paramref name="timeout"/> (its last-heard
    /// time plus the timeout); null when no peer is timed. A check just after it notices the peer.
    /// </summary>
    public DateTime? NextDeadline(TimeSpan timeout)
    {
        DateTime? earliest = null;
        foreach (var peer in _watched)
        {
            if (!_peers.TryGetValue(peer, out var record) || record.Suspected) continue;
            var due = record.LastHeard + timeout;
            if (earliest is null || due < earliest) earliest = due;
        }
        return earliest;
    }

    /// <summary>
    /// Evidence that <paramref name="peer"/> is alive at <paramref name="now"/> (a reply, a probe, or
    /// any message the service chooses): restarts its timeout and clears a suspicion. Untracked
    /// peers are ignored. Returns true when the peer had been suspected.
    /// </summary>
    public bool Heard(NodeAddress peer, DateTime now)
    {
        if (!_peers.TryGetValue(peer, out var record)) return false;
        _peers[peer] = new PeerRecord(now, Suspected: false);
        return record.Suspected;
    }

    /// <summary>Forgets every peer (the detector's guard turned false, or the service reset).</summary>
    public void Clear()
    {
        _peers.Clear();
        _watched.Clear();
        _failed.Clear();
    }

    /// <summary>
    /// Writes the tracked peers and their suspicion flags, in ascending address order, for state
    /// hashing (timestamps are left out: they would make every state of a run distinct).
    /// </summary>
    public void WriteState(ref MaceWriter writer)
    {
        writer.WriteInt32(_peers.Count);
        if (_peers.Count == 0) return;
        var peers = _peers.Keys.ToArray();
        Array.Sort(peers);
        foreach (var peer in peers)
        {
            writer.WriteNodeAddress(peer);
            writer.WriteBoolean(_peers[peer].Suspected);
        }
    }

    /// <summary>A readable summary: each tracked peer, with <c>!</c> after a suspected one.</summary>
    public override string ToString() =>
        "[" + string.Join(", ", _peers.OrderBy(p => p.Key).Select(p => p.Key + (p.Value.Suspected ? "!" : string.Empty))) + "]";

    private readonly record struct PeerRecord(DateTime LastHeard, bool Suspected);
}
