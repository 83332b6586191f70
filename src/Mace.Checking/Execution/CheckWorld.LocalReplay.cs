using System.Runtime.CompilerServices;
using Mace.Checking.Search;
using Mace.Runtime;

namespace Mace.Checking.Execution;

public sealed partial class CheckWorld
{
    private const int RestoreCheckWalks = 4;
    private const int DetoursPerStep = 2;
    private ReuseState _localRestore;

    /// <summary>A choice for a node's service: asked of the chooser and kept in the node's history, or answered from it during a local replay.</summary>
    internal int NodeChoose(int node, int count, ChoiceKind kind)
    {
        if (_muted >= 0) return ReplayChoice(count);
        var value = Chooser.Choose(count, kind);
        if (RecordHistory) _slots[node].History.AddChoice(value);
        return value;
    }

    /// <summary>
    /// Decides once whether snapshots may be restored by local replay: needs node reuse (the replay
    /// resets the node through <c>MaceReset</c>), and, as for reuse, a few seeded walks that take a
    /// restored detour before every step must see the same state hashes as plain walks.
    /// </summary>
    internal void DecideLocalRestore()
    {
        if (_localRestore != ReuseState.Unknown) return;
        if (_reuse == ReuseState.Unknown) DecideReuse();
        if (!Options.LocalRestore || _reuse != ReuseState.On || Recorder is not null)
        {
            _localRestore = ReuseState.Off;
            return;
        }
        var saved = Chooser;
        var recording = RecordHistory;
        RecordHistory = true;
        _localRestore = ReuseState.On;
        var same = true;
        for (var walk = 0; walk < RestoreCheckWalks && same; walk++)
        {
            var plain = SampleWalk((ulong)walk);
            same = DetourWalk((ulong)walk) is { } detoured && plain.AsSpan().SequenceEqual(detoured);
        }
        Chooser = saved;
        RecordHistory = recording;
        _localRestore = same ? ReuseState.On : ReuseState.Off;
    }

    /// <summary>Stops local restores for the rest of this world's life (a replay missed its state).</summary>
    internal void DisableLocalRestore() => _localRestore = ReuseState.Off;

    // The walk of SampleWalk(seed), but before every step two steps of another random walk are taken,
    // each undone by restoring one snapshot (as the search restores one snapshot per successor).
    private ulong[]? DetourWalk(ulong seed)
    {
        var chooser = new RandomChooser();
        chooser.Start([], 0, seed);
        var detour = new RandomChooser();
        detour.Start([], 0, seed + 0x9E3779B97F4A7C15UL);
        var snapshot = new WorldSnapshot(NodeCount);
        Chooser = chooser;
        Reset();
        var hashes = new List<ulong> { ComputeHash() };
        for (var s = 0; s < ReuseCheckSteps; s++)
        {
            TakeSnapshot(snapshot);
            Chooser = detour;
            for (var d = 0; d < DetoursPerStep; d++)
            {
                if (!Step()) break;
                ComputeHash();
                if (!RestoreSnapshot(snapshot)) return null;
            }
            Chooser = chooser;
            if (!Step()) break;
            hashes.Add(ComputeHash());
        }
        return [.. hashes];
    }

    // Rebuilds node `index` to its state in `snapshot` by resetting it and re-running its history with
    // the world muted, then swaps the lane items and timers it re-created for the snapshot's.
    private bool ReplayNode(int index, WorldSnapshot snapshot)
    {
        var slot = _slots[index];
        var history = slot.History;
        var saved = snapshot.Slots[index];
        var node = slot.Node!;
        history.Posts = 0;
        history.Timers = 0;
        _freshPostCount = 0;
        _freshTimerCount = 0;
        _replayChoice = 0;
        _replayDiverged = false;
        _replayInReset = true;
        _muted = index;
        var ok = true;
        try
        {
            Now = history.StartNow;
            node.RunLifecycle(LifecyclePhase.Reset);
            _replayInReset = false;
            node.RunLifecycle(LifecyclePhase.Init);
            _model.Started(this, index, slot.Incarnation);
            for (var e = 0; e < history.EventCount && ok; e++) ok = ReplayEvent(slot, history.Event(e));
        }
        catch (Exception)
        {
            ok = false;
        }
        finally
        {
            _muted = -1;
            Now = snapshot.Now;
        }
        ok = ok && !_replayDiverged && _replayChoice == history.ChoiceCount && history.Posts == saved.Posts && history.Timers == saved.Timers
            && HashNode(slot) == saved.StateHash;
        if (ok) ok = SwapFresh(slot, snapshot);
        slot.Dirty = false;
        Array.Clear(_freshPosts, 0, _freshPostCount);
        Array.Clear(_freshTimers, 0, _freshTimerCount);
        return ok;
    }

    private bool ReplayEvent(NodeSlot slot, in HistoryEvent e)
    {
        Now = e.Now;
        switch (e.Kind)
        {
            case EventKind.Lane:
                var seq = e.Item.Seq;
                if (seq >= _freshPostCount) return false;
                (seq >= 0 ? _freshPosts[seq] : e.Item).Work();
                return true;
            case EventKind.TcpDeliver:
                DeliverTo(slot.Tcp, e.Message);
                return true;
            case EventKind.UdpDeliver:
                DeliverTo(slot.Udp, e.Message);
                return true;
            default:
                if (e.TimerSeq >= _freshTimerCount) return false;
                var timer = _freshTimers[e.TimerSeq];
                timer.Pending = false;
                timer.Work();
                return true;
        }
    }

    // The node's lane and pending timers get the items and timers its replay re-created, which refer
    // to the replayed service objects as the originals did before. The snapshot takes them too: the
    // originals are dead now, and a later restore that does not replay this node must bring back the
    // live ones.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SwapFresh(NodeSlot slot, WorldSnapshot snapshot)
    {
        var saved = snapshot.Slots[slot.Index];
        for (var k = 0; k < saved.LaneCount; k++)
        {
            var item = saved.Lane[k];
            if (item.Seq >= _freshPostCount) return false;
            if (item.Seq >= 0) saved.Lane[k] = item = _freshPosts[item.Seq];
            slot.Lane.Enqueue(item);
        }
        for (var t = 0; t < _freshTimerCount; t++) _freshTimers[t].Pending = false;
        for (var t = 0; t < snapshot.TimerCount; t++)
        {
            var timer = snapshot.Timers[t];
            if (timer.Node != slot.Index) continue;
            if (timer.Seq >= _freshTimerCount) return false;
            var fresh = _freshTimers[timer.Seq];
            fresh.Pending = true;
            snapshot.Timers[t] = fresh;
            _timers[t] = fresh;
        }
        return true;
    }

    private int ReplayChoice(int count)
    {
        if (_replayInReset) return 0;
        var history = _slots[_muted].History;
        if (_replayChoice >= history.ChoiceCount)
        {
            _replayDiverged = true;
            return 0;
        }
        var value = history.Choice(_replayChoice++);
        if ((uint)value < (uint)count) return value;
        _replayDiverged = true;
        return 0;
    }

    private void KeepFreshPost(LaneItem item)
    {
        Ensure(ref _freshPosts, _freshPostCount + 1);
        _freshPosts[_freshPostCount++] = item;
    }

    private void KeepFreshTimer(CheckTimer timer)
    {
        Ensure(ref _freshTimers, _freshTimerCount + 1);
        _freshTimers[_freshTimerCount++] = timer;
    }
}
