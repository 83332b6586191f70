using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Mace.Runtime;
using Mace.Runtime.Transports;

namespace Mace.Benchmarks.Tcp;

/// <summary>
/// The baseline: one loopback connection, a sender that packs frames of the transport's own format
/// into 64 KB writes, and a receiver that splits them by length prefix and counts them. No lanes,
/// no dispatch, no per-peer queues: what the socket alone can carry.
/// </summary>
public sealed class PlainSocketStream : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _sender = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Socket _receiver;
    private readonly byte[] _frame;

    public PlainSocketStream(byte[] messageBytes)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _sender.Connect(_listener.LocalEndPoint!);
        _receiver = _listener.Accept();
        var source = NodeAddress.FromEndPoint((IPEndPoint)_sender.LocalEndPoint!);
        var dest = NodeAddress.FromEndPoint((IPEndPoint)_listener.LocalEndPoint!);
        _frame = FrameCodec.Encode(new FrameHeader(source, dest, 1, default), new Payload(messageBytes));
    }

    public int FrameSize => _frame.Length;

    public async Task RunAsync(int count)
    {
        var receive = Task.Run(() => Receive(count));
        var buffer = new byte[64 * 1024];
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            if (used + _frame.Length > buffer.Length)
            {
                await _sender.SendAsync(buffer.AsMemory(0, used));
                used = 0;
            }
            _frame.CopyTo(buffer, used);
            used += _frame.Length;
        }
        if (used > 0) await _sender.SendAsync(buffer.AsMemory(0, used));
        await receive;
    }

    private void Receive(int count)
    {
        var buffer = new byte[128 * 1024];
        int start = 0, end = 0, seen = 0;
        while (seen < count)
        {
            if (end == buffer.Length)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            end += _receiver.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
            while (end - start >= 4)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(start));
                if (end - start < 4 + length) break;
                start += 4 + length;
                seen++;
            }
        }
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _listener.Dispose();
    }
}
