using System.Runtime.CompilerServices;

namespace Mace.Checking.Execution;

public sealed partial class CheckWorld
{
    // Enabled events are listed in a fixed order (lane heads, TCP heads, datagrams, timers, faults),
    // so the same state offers the same options in the same order on every re-execution.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CollectEnabled()
    {
        var count = 0;
        var n = NodeCount;
        for (var i = 0; i < n; i++)
        {
            var slot = _slots[i];
            if (slot.Alive && slot.Lane.Count > 0) Add(ref count, new EnabledEvent(EventKind.Lane, i, 0));
        }
        for (var w = 0; w < _busy.Length; w++)
        {
            for (var bits = _busy[w]; bits != 0; bits &= bits - 1)
            {
                var c = (w * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                Add(ref count, new EnabledEvent(EventKind.TcpDeliver, c / n, c % n));
            }
        }
        for (var m = 0; m < _udp.Count; m++) Add(ref count, new EnabledEvent(EventKind.UdpDeliver, m, 0));
        if (Options.Time == TimeMode.Ordered) CollectEarliestTimers(ref count);
        else for (var t = 0; t < _timers.Count; t++) Add(ref count, new EnabledEvent(EventKind.Timer, t, 0));
        var faults = Options.Faults;
        if (faults != FaultKinds.None) CollectFaults(ref count, faults);
        return count;
    }

    // Only the timers due first (all of them on a tie) may fire.
    private void CollectEarliestTimers(ref int count)
    {
        if (_timers.Count == 0) return;
        var earliest = DateTime.MaxValue;
        foreach (var timer in _timers)
        {
            if (timer.Due < earliest) earliest = timer.Due;
        }
        for (var t = 0; t < _timers.Count; t++)
        {
            if (_timers[t].Due == earliest) Add(ref count, new EnabledEvent(EventKind.Timer, t, 0));
        }
    }

    private void CollectFaults(ref int count, FaultKinds faults)
    {
        var n = NodeCount;
        if ((faults & FaultKinds.Crash) != 0 && _crashes < Options.MaxCrashes)
        {
            for (var i = 0; i < n; i++)
            {
                if (_slots[i].Alive) Add(ref count, new EnabledEvent(EventKind.Crash, i, 0));
            }
        }
        if ((faults & FaultKinds.Restart) != 0 && _restarts < Options.MaxRestarts)
        {
            for (var i = 0; i < n; i++)
            {
                if (!_slots[i].Alive) Add(ref count, new EnabledEvent(EventKind.Restart, i, 0));
            }
        }
        if ((faults & FaultKinds.Loss) != 0 && _losses < Options.MaxLosses)
        {
            for (var m = 0; m < _udp.Count; m++) Add(ref count, new EnabledEvent(EventKind.Loss, m, 0));
        }
        if ((faults & FaultKinds.Error) != 0 && _errors < Options.MaxErrors)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    if ((_open[(a * n) + b] || _open[(b * n) + a]) && _slots[a].Alive && _slots[b].Alive)
                    {
                        Add(ref count, new EnabledEvent(EventKind.Break, a, b));
                    }
                }
            }
        }
    }

    private void Add(ref int count, EnabledEvent e)
    {
        if (count == _enabled.Length) Array.Resize(ref _enabled, count * 2);
        _enabled[count++] = e;
    }

    private void Execute(EnabledEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Lane:
            {
                var slot = _slots[e.A];
                var item = slot.Lane.Dequeue();
                slot.Dirty = true;
                _touched = e.A;
                if (RecordHistory)
                {
                    ref var entry = ref slot.History.AddEvent();
                    entry.Kind = EventKind.Lane;
                    entry.Item = item;
                    entry.Now = Now;
                }
                item.Work();
                break;
            }
            case EventKind.TcpDeliver:
            {
                var connection = (e.A * NodeCount) + e.B;
                var message = _tcp[connection].Dequeue();
                if (_tcp[connection].Count == 0) SetBusy(connection, false);
                Record(e.B, EventKind.TcpDeliver, message);
                DeliverTo(_slots[e.B].Tcp, message);
                break;
            }
            case EventKind.UdpDeliver:
            {
                var message = _udp[e.A];
                _udp.RemoveAt(e.A);
                Record(message.Destination, EventKind.UdpDeliver, message);
                DeliverTo(_slots[message.Destination].Udp, message);
                break;
            }
            case EventKind.Timer:
                FireTimer(e.A);
                break;
            case EventKind.Crash:
                Crash(e.A);
                break;
            case EventKind.Restart:
                _restarts++;
                StartNode(e.A);
                break;
            case EventKind.Loss:
                _losses++;
                _udp.RemoveAt(e.A);
                break;
            default:
                Break(e.A, e.B);
                break;
        }
    }

    // One bit per connection with messages queued, so listing and hashing skip the empty ones.
    private void SetBusy(int connection, bool busy)
    {
        if (busy) _busy[connection >> 6] |= 1UL << (connection & 63);
        else _busy[connection >> 6] &= ~(1UL << (connection & 63));
    }

    private void Record(int node, EventKind kind, in InFlightMessage message)
    {
        _touched = node;
        if (!RecordHistory) return;
        ref var entry = ref _slots[node].History.AddEvent();
        entry.Kind = kind;
        entry.Message = message;
        entry.Now = Now;
    }

    private void DeliverTo(List<CheckTransport> transports, in InFlightMessage message)
    {
        if ((uint)message.TransportIndex >= (uint)transports.Count) return;
        var transport = transports[message.TransportIndex];
        _slots[transport.Slot].Dirty = true;
        transport.Deliver(message);
    }

    private void FireTimer(int index)
    {
        var timer = _timers[index];
        _timers.RemoveAt(index);
        timer.Pending = false;
        if (Options.Time != TimeMode.Frozen && timer.Due > Now) Now = timer.Due;
        var slot = _slots[timer.Node];
        slot.Dirty = true;
        _touched = timer.Node;
        if (RecordHistory)
        {
            ref var entry = ref slot.History.AddEvent();
            entry.Kind = EventKind.Timer;
            entry.TimerSeq = timer.Seq;
            entry.Now = Now;
        }
        timer.Work();
    }

    /// <summary>A one-line description of <paramref name="e"/> before it runs (for traces).</summary>
    internal string Describe(EnabledEvent e) => e.Kind switch
    {
        EventKind.Lane => $"n{e.A} {_slots[e.A].Lane.Peek().Label}",
        EventKind.TcpDeliver => $"n{e.B} deliver tcp n{e.A}->n{e.B} {_tcp[(e.A * NodeCount) + e.B][0].Describe()}",
        EventKind.UdpDeliver => $"n{_udp[e.A].Destination} deliver udp n{_udp[e.A].Source}->n{_udp[e.A].Destination} {_udp[e.A].Describe()}",
        EventKind.Timer => $"n{_timers[e.A].Node} timer (delay {TimeSpan.FromTicks(_timers[e.A].DelayTicks)})",
        EventKind.Crash => $"n{e.A} CRASH",
        EventKind.Restart => $"n{e.A} RESTART (incarnation {_slots[e.A].Incarnation + 1})",
        EventKind.Loss => $"n{_udp[e.A].Destination} LOSS udp n{_udp[e.A].Source}->n{_udp[e.A].Destination} {_udp[e.A].Describe()}",
        _ => $"n{e.A} BREAK connection n{e.A}<->n{e.B}",
    };

    /// <summary>For a delivery, the node that sent the message and the step that sent it (0: while starting); null for other events.</summary>
    internal (int Node, int Step)? SenderOf(EnabledEvent e) => e.Kind switch
    {
        EventKind.TcpDeliver => (e.A, _tcp[(e.A * NodeCount) + e.B][0].SentAtStep),
        EventKind.UdpDeliver => (_udp[e.A].Source, _udp[e.A].SentAtStep),
        _ => null,
    };

    /// <summary>A description of every event enabled now, in the order the chooser numbers them.</summary>
    internal List<string> DescribeEnabled()
    {
        var count = CollectEnabled();
        var list = new List<string>(count);
        for (var i = 0; i < count; i++) list.Add(Describe(_enabled[i]));
        return list;
    }

    /// <summary>The kind of <paramref name="e"/>, for trace records.</summary>
    internal static string KindName(EnabledEvent e) => e.Kind.ToString();

    /// <summary>The node an event runs on (for traces).</summary>
    internal int NodeOf(EnabledEvent e) => e.Kind switch
    {
        EventKind.TcpDeliver => e.B,
        EventKind.UdpDeliver or EventKind.Loss => _udp[e.A].Destination,
        EventKind.Timer => _timers[e.A].Node,
        _ => e.A,
    };
}
