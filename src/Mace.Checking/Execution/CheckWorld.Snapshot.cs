using System.Numerics;
using System.Runtime.CompilerServices;
using Mace.Runtime;

namespace Mace.Checking.Execution;

public sealed partial class CheckWorld
{
    // Local replay: -1, or the node whose history is being re-run with the world muted.
    private int _muted = -1;
    private int _replayChoice;
    private bool _replayInReset;
    private bool _replayDiverged;
    private LaneItem[] _freshPosts = new LaneItem[8];
    private int _freshPostCount;
    private CheckTimer[] _freshTimers = new CheckTimer[8];
    private int _freshTimerCount;

    /// <summary>When set, each incarnation's history is kept so a snapshot can be restored by a local replay.</summary>
    internal bool RecordHistory { get; set; }

    /// <summary>True when local restores passed their self-check and have not failed since.</summary>
    internal bool LocalRestoreOn => _reuse == ReuseState.On && _localRestore == ReuseState.On && Recorder is null;

    /// <summary>True when <see cref="TakeSnapshot"/> and <see cref="RestoreSnapshot"/> may be used now.</summary>
    internal bool CanRestoreLocally => RecordHistory && LocalRestoreOn;

    /// <summary>
    /// Saves the world-level state into <paramref name="snapshot"/>. Every node's hash must be
    /// current (as after <see cref="ComputeHash"/> or <see cref="RestoreNodeHashes"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void TakeSnapshot(WorldSnapshot snapshot)
    {
        var n = NodeCount;
        snapshot.TcpCount = 0;
        snapshot.TcpQueues = 0;
        for (var w = 0; w < _busy.Length; w++)
        {
            snapshot.Busy[w] = _busy[w];
            for (var bits = _busy[w]; bits != 0; bits &= bits - 1)
            {
                var c = (w * 64) + BitOperations.TrailingZeroCount(bits);
                var queue = _tcp[c];
                Ensure(ref snapshot.TcpConnections, snapshot.TcpQueues + 1);
                Ensure(ref snapshot.TcpLengths, snapshot.TcpQueues + 1);
                Ensure(ref snapshot.Tcp, snapshot.TcpCount + queue.Count);
                snapshot.TcpConnections[snapshot.TcpQueues] = c;
                snapshot.TcpLengths[snapshot.TcpQueues++] = queue.Count;
                for (var m = 0; m < queue.Count; m++) snapshot.Tcp[snapshot.TcpCount++] = queue[m];
            }
        }
        Array.Copy(_open, snapshot.Open, _open.Length);
        Ensure(ref snapshot.Udp, _udp.Count);
        _udp.CopyTo(snapshot.Udp);
        snapshot.UdpCount = _udp.Count;
        Ensure(ref snapshot.Timers, _timers.Count);
        _timers.CopyTo(snapshot.Timers);
        snapshot.TimerCount = _timers.Count;
        snapshot.Now = Now;
        snapshot.StepCount = StepCount;
        snapshot.Failure = Failure;
        snapshot.Crashes = _crashes;
        snapshot.Restarts = _restarts;
        snapshot.Losses = _losses;
        snapshot.Errors = _errors;
        snapshot.Arena = _arena.Current;
        for (var i = 0; i < n; i++)
        {
            var slot = _slots[i];
            var saved = snapshot.Slots[i];
            saved.Node = slot.Node;
            saved.Top = _model.Top(i);
            saved.Alive = slot.Alive;
            saved.Incarnation = slot.Incarnation;
            saved.History = slot.History;
            saved.Events = slot.History.EventCount;
            saved.Choices = slot.History.ChoiceCount;
            saved.Posts = slot.History.Posts;
            saved.Timers = slot.History.Timers;
            saved.StateHash = slot.StateHash;
            Ensure(ref saved.Lane, slot.Lane.Count);
            slot.Lane.CopyTo(saved.Lane, 0);
            saved.LaneCount = slot.Lane.Count;
            if (saved.Tcp.Length != slot.Tcp.Count) saved.Tcp = new CheckTransport[slot.Tcp.Count];
            slot.Tcp.CopyTo(saved.Tcp);
            if (saved.Udp.Length != slot.Udp.Count) saved.Udp = new CheckTransport[slot.Udp.Count];
            slot.Udp.CopyTo(saved.Udp);
        }
    }

    /// <summary>
    /// Returns the world to <paramref name="snapshot"/> after one step: the world-level state is
    /// copied back and the node whose services ran in the step is rebuilt by a local replay (reset
    /// through <c>MaceReset</c>, then its history re-run with sends, posts and timers muted), whose
    /// re-created lane items and timers replace the originals. False when the replay did not reach
    /// the node's snapshot state; the world must then be reset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool RestoreSnapshot(WorldSnapshot snapshot)
    {
        var touched = _touched;
        RestoreNetwork(snapshot);
        var n = NodeCount;
        for (var i = 0; i < n; i++)
        {
            var slot = _slots[i];
            var saved = snapshot.Slots[i];
            if (!ReferenceEquals(slot.Node, saved.Node))
            {
                slot.Node = saved.Node;
                slot.Tcp.Clear();
                slot.Tcp.AddRange(saved.Tcp);
                slot.Udp.Clear();
                slot.Udp.AddRange(saved.Udp);
                _model.Restore(i, saved.Top!);
            }
            if (slot.Alive != saved.Alive)
            {
                slot.Alive = saved.Alive;
                _model.SetAlive(i, saved.Alive);
            }
            slot.Incarnation = saved.Incarnation;
            slot.History = saved.History;
            slot.History.Truncate(saved.Events, saved.Choices, saved.Posts, saved.Timers);
            slot.StateHash = saved.StateHash;
            slot.Dirty = false;
            slot.Lane.Clear();
            if (i == touched) continue;
            for (var k = 0; k < saved.LaneCount; k++) slot.Lane.Enqueue(saved.Lane[k]);
        }
        _arena.Rewind(snapshot.Arena);
        return touched < 0 || ReplayNode(touched, snapshot);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RestoreNetwork(WorldSnapshot snapshot)
    {
        for (var w = 0; w < _busy.Length; w++)
        {
            for (var bits = _busy[w]; bits != 0; bits &= bits - 1) _tcp[(w * 64) + BitOperations.TrailingZeroCount(bits)].Clear();
            _busy[w] = snapshot.Busy[w];
        }
        var at = 0;
        for (var q = 0; q < snapshot.TcpQueues; q++)
        {
            var queue = _tcp[snapshot.TcpConnections[q]];
            for (var m = 0; m < snapshot.TcpLengths[q]; m++) queue.Enqueue(snapshot.Tcp[at++]);
        }
        Array.Copy(snapshot.Open, _open, _open.Length);
        _udp.Clear();
        for (var m = 0; m < snapshot.UdpCount; m++) _udp.Add(snapshot.Udp[m]);
        _timers.Clear();
        for (var t = 0; t < snapshot.TimerCount; t++)
        {
            var timer = snapshot.Timers[t];
            timer.Pending = true;
            _timers.Add(timer);
        }
        Now = snapshot.Now;
        StepCount = snapshot.StepCount;
        Failure = snapshot.Failure;
        _crashes = snapshot.Crashes;
        _restarts = snapshot.Restarts;
        _losses = snapshot.Losses;
        _errors = snapshot.Errors;
    }

    private static void Ensure<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size) Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
    }
}
