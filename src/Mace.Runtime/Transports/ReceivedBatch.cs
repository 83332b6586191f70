using System.Buffers;

namespace Mace.Runtime.Transports;

/// <summary>
/// The well-formed frames of one socket read, handed to the node's lane in one post: their headers,
/// and their payloads as slices of one array. On the lane each frame is still its own event.
/// </summary>
/// <remarks>
/// <para>The payload array is rented from <see cref="ArrayPool{T}.Shared"/> and goes back to it after
/// the batch ran only if every frame went to a receiver marked <see cref="ICopiesReceivedPayloads"/>;
/// an upper layer that may keep a received <see cref="Payload"/> (to forward it later, say) keeps the
/// array, which is then never reused. The batch object and its header array are reused: the lane
/// hands the batch back to its connection when it has run it, and the receive loop takes it for a
/// later read.</para>
/// <para>Threading: filled by the receive loop, run on the lane; the post (a queue with a full
/// fence) orders the two.</para>
/// </remarks>
internal sealed class ReceivedBatch
{
    private readonly TcpSocketTransport _owner;
    private readonly TcpConnection _connection;
    private readonly Action _dispatchCurrent;
    private Entry[] _entries = new Entry[16];
    private byte[] _data = [];
    private int _count;
    private int _current;

    public ReceivedBatch(TcpSocketTransport owner, TcpConnection connection)
    {
        _owner = owner;
        _connection = connection;
        _dispatchCurrent = DispatchCurrent;
        Run = RunOnLane;
    }

    /// <summary>The lane work item: every frame of the batch, in order, one event each.</summary>
    public Action Run { get; }

    /// <summary>Frames added since the batch was (re)started.</summary>
    public int Count => _count;

    /// <summary>Adds a frame whose payload is <paramref name="length"/> bytes at <paramref name="offset"/> of the data array to come. Receive loop.</summary>
    public void Add(in FrameHeader header, int offset, int length)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = new Entry(header.Source, header.Destination, header.RegistrationId, offset, length, header.SenderEvent, header.Path);
    }

    /// <summary>Sets the array the payload offsets refer to. Receive loop, before posting.</summary>
    public void Seal(byte[] data) => _data = data;

    /// <summary>
    /// Set (before the call) when a frame is handed to a receiver that may keep its payload: the
    /// data array then stays with whoever keeps it instead of going back to the pool. Lane.
    /// </summary>
    public bool BytesMayBeKept { get; set; }

    private void RunOnLane()
    {
        try
        {
            for (_current = 0; _current < _count; _current++) _owner.Node.Execute(_dispatchCurrent);
        }
        finally
        {
            _connection.Dispatched(_data.Length);
            if (!BytesMayBeKept && _data.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_data);
                _owner.Statistics.ReceiveBufferReturned();
            }
            BytesMayBeKept = false;
            _count = 0;
            _data = [];
            _connection.ReturnBatch(this);
        }
    }

    private void DispatchCurrent()
    {
        ref readonly var entry = ref _entries[_current];
        _owner.Node.SetCause(entry.Source, entry.SenderEvent, entry.Path);
        _owner.Dispatch(_connection, this, entry.Source, entry.Destination, entry.RegistrationId, new Payload(_data.AsMemory(entry.Offset, entry.Length)));
    }

    private readonly record struct Entry(NodeAddress Source, NodeAddress Destination, int RegistrationId, int Offset, int Length, long SenderEvent, PathContext Path);
}
