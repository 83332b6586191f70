using System.IO.Hashing;
using Mace.Runtime;
using Mace.Runtime.Serialization;

namespace Mace.Checking.Execution;

public sealed partial class CheckWorld
{
    internal ITransport CreateTransport(int slotIndex, Node node, TransportKind kind)
    {
        if (_muted >= 0) throw new InvalidOperationException("a local replay may not create transports");
        var slot = _slots[slotIndex];
        var list = kind == TransportKind.Tcp ? slot.Tcp : slot.Udp;
        var transport = new CheckTransport(this, node, slotIndex, kind, list.Count);
        list.Add(transport);
        return transport;
    }

    internal bool Send(CheckTransport from, int registrationId, NodeAddress dest, Payload payload)
    {
        var n = NodeCount;
        var src = from.Slot;
        // A local replay re-runs sends whose messages are already in the restored network.
        if (_muted >= 0) return dest.Kind == NodeAddressKind.Simulated && dest.SimulatedId < n;
        if (dest.Kind != NodeAddressKind.Simulated || dest.SimulatedId >= n)
        {
            if (from.Kind == TransportKind.Tcp) EnqueueError(from, dest, TransportError.ConnectFailed);
            return false;
        }
        var dst = dest.SimulatedId;
        if (!_slots[dst].Alive)
        {
            if (from.Kind == TransportKind.Tcp) EnqueueError(from, dest, TransportError.PeerDead);
            return true;
        }

        var writer = new MaceWriter(_arena);
        payload.WriteTo(ref writer);
        writer.Flush();
        var bytes = _arena.Commit();
        var message = new InFlightMessage
        {
            Source = src,
            Destination = dst,
            TransportIndex = from.Index,
            RegistrationId = registrationId,
            Bytes = bytes,
            Hash = StateHash.Mix(XxHash3.HashToUInt64(bytes.Span), ((ulong)(uint)registrationId << 8) | (uint)from.Index),
            Message = Recorder is null ? null : payload.Message,
            SentAtStep = Recorder is null ? 0 : StepCount + 1,
        };
        if (from.Kind == TransportKind.Tcp)
        {
            _tcp[(src * n) + dst].Enqueue(message);
            SetBusy((src * n) + dst, true);
            _open[(src * n) + dst] = true;
        }
        else
        {
            _udp.Add(message);
        }
        return true;
    }

    /// <summary>
    /// Queues <paramref name="work"/> on <paramref name="node"/>'s lane. <paramref name="own"/> marks
    /// work the node's own code queues (driver start, posts): it is numbered so a local replay, which
    /// re-creates it, can swap the new item in; the world's own items (errors) are kept as they are.
    /// </summary>
    internal void EnqueueLane(int node, Action work, string label, bool own)
    {
        var slot = _slots[node];
        if (!slot.Alive) return;
        if (_muted >= 0)
        {
            if (own) KeepFreshPost(new LaneItem(work, label, StateHash.Of(label), slot.History.Posts++));
            return;
        }
        slot.Lane.Enqueue(new LaneItem(work, label, StateHash.Of(label), own ? slot.History.Posts++ : -1));
    }

    private void EnqueueError(CheckTransport transport, NodeAddress peer, TransportError error)
    {
        var node = transport.Node;
        var label = $"Error({peer}, {error})";
        EnqueueLane(transport.Slot, () => node.Execute(() => transport.RaiseError(peer, error)), label, own: false);
    }

    internal CheckTimer AddTimer(int node, TimeSpan delay, Action work)
    {
        var slot = _slots[node];
        var timer = new CheckTimer(this, node, delay.Ticks, Now + delay, work, slot.History.Timers++);
        if (_muted >= 0) KeepFreshTimer(timer);
        else if (slot.Alive) _timers.Add(timer);
        else timer.Pending = false;
        return timer;
    }

    internal void CancelTimer(CheckTimer timer)
    {
        timer.Pending = false;
        if (_muted < 0) _timers.Remove(timer);
    }

    internal void RecordFailure(int node, Exception exception)
    {
        if (_muted < 0) Failure ??= (node, exception);
    }

    private void Crash(int index)
    {
        _crashes++;
        var slot = _slots[index];
        slot.Alive = false;
        slot.Dirty = true;
        slot.Lane.Clear();
        _model.SetAlive(index, false);
        for (var t = _timers.Count - 1; t >= 0; t--)
        {
            if (_timers[t].Node != index) continue;
            _timers[t].Pending = false;
            _timers.RemoveAt(t);
        }
        _udp.RemoveAll(m => m.Source == index || m.Destination == index);
        var peer = slot.Address;
        for (var j = 0; j < NodeCount; j++)
        {
            var wasOpen = _open[(index * NodeCount) + j] || _open[(j * NodeCount) + index];
            DropConnection(index, j);
            if (wasOpen && j != index && _slots[j].Alive && _slots[j].Tcp.Count > 0)
            {
                foreach (var transport in _slots[j].Tcp) EnqueueError(transport, peer, TransportError.PeerDead);
            }
        }
    }

    private void Break(int a, int b)
    {
        _errors++;
        DropConnection(a, b);
        foreach (var transport in _slots[a].Tcp) EnqueueError(transport, _slots[b].Address, TransportError.ReadFailed);
        foreach (var transport in _slots[b].Tcp) EnqueueError(transport, _slots[a].Address, TransportError.ReadFailed);
    }

    private void DropConnection(int a, int b)
    {
        var n = NodeCount;
        _tcp[(a * n) + b].Clear();
        _tcp[(b * n) + a].Clear();
        SetBusy((a * n) + b, false);
        SetBusy((b * n) + a, false);
        _open[(a * n) + b] = false;
        _open[(b * n) + a] = false;
    }
}
