using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mace.Runtime.Serialization;

namespace Mace.Checking.Execution;

public sealed partial class CheckWorld
{
    private readonly ArrayBufferWriter<byte> _stateBuffer = new(1024);

    /// <summary>
    /// The hash of the global state: every live node's service state (<c>WriteState</c> bytes and
    /// pending timer counts; recomputed only for nodes an event touched), incarnations, lanes, TCP
    /// queues in order, datagrams and timers as multisets, used fault budgets, and <c>Now</c> when
    /// time advances.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ulong ComputeHash()
    {
        var n = NodeCount;
        var hash = 0x27D4EB2F165667C5UL;
        for (var i = 0; i < n; i++)
        {
            var slot = _slots[i];
            if (slot.Dirty)
            {
                slot.StateHash = slot.Alive ? HashNode(slot) : 0;
                slot.Dirty = false;
            }
            hash = StateHash.Mix(hash, slot.StateHash);
            hash = StateHash.Mix(hash, ((ulong)(uint)slot.Incarnation << 1) | (slot.Alive ? 1UL : 0UL));
            foreach (var item in slot.Lane) hash = StateHash.Mix(hash, item.Hash);
        }
        for (var w = 0; w < _busy.Length; w++)
        {
            for (var bits = _busy[w]; bits != 0; bits &= bits - 1)
            {
                var c = (w * 64) + BitOperations.TrailingZeroCount(bits);
                var queue = _tcp[c];
                hash = StateHash.Mix(hash, (ulong)(uint)c | 0x1_0000_0000UL);
                for (var m = 0; m < queue.Count; m++) hash = StateHash.Mix(hash, queue[m].Hash);
            }
        }
        ulong bag = 0;
        foreach (var message in _udp) bag += StateHash.Finish(StateHash.Mix(message.Hash, ((ulong)(uint)message.Source << 32) | (ulong)(uint)message.Destination));
        ulong timers = 0;
        foreach (var timer in _timers) timers += StateHash.Finish(StateHash.Mix((ulong)timer.DelayTicks, (ulong)timer.Node));
        hash = StateHash.Mix(hash, bag);
        hash = StateHash.Mix(hash, timers);
        hash = StateHash.Mix(hash, ((ulong)(uint)_crashes << 48) | ((ulong)(uint)_restarts << 32) | ((ulong)(uint)_losses << 16) | (ulong)(uint)_errors);
        if (Options.Time != TimeMode.Frozen) hash = StateHash.Mix(hash, (ulong)Now.Ticks);
        return StateHash.Finish(hash);
    }

    /// <summary>Copies the per-node hashes the last <see cref="ComputeHash"/> left (one per slot).</summary>
    internal void CaptureNodeHashes(Span<ulong> destination)
    {
        for (var i = 0; i < NodeCount; i++) destination[i] = _slots[i].StateHash;
    }

    /// <summary>
    /// Declares the node hashes of the state just re-executed (captured when it was first reached),
    /// so only nodes touched by later steps are re-hashed.
    /// </summary>
    internal void RestoreNodeHashes(ReadOnlySpan<ulong> source)
    {
        for (var i = 0; i < NodeCount; i++)
        {
            _slots[i].StateHash = source[i];
            _slots[i].Dirty = false;
        }
    }

    private ulong HashNode(NodeSlot slot)
    {
        _stateBuffer.ResetWrittenCount();
        var writer = new MaceWriter(_stateBuffer);
        var services = slot.HashedServices();
        for (var s = 0; s < services.Length; s++)
        {
            var service = services[s];
            service.WriteState(ref writer);
            foreach (var reader in slot.TimerReaders[s]) writer.WriteVarUInt32((uint)reader(service));
        }
        writer.Flush();
        return XxHash3.HashToUInt64(_stateBuffer.WrittenSpan);
    }
}
