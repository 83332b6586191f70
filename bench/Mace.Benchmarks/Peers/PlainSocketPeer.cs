using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Mace.Benchmarks.Tcp;
using Mace.Runtime;
using Mace.Runtime.Transports;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// The physical limit: bare loopback sockets carrying frames of the Mace format. Streams go through
/// <see cref="PlainSocketStream"/> (64 KB batched writes); requests go over a second connection to
/// a thread that echoes every whole frame it reads, in one write per read.
/// </summary>
public sealed class PlainSocketPeer : IMessagingPeer
{
    private readonly PlainSocketStream _stream;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Socket _server;
    private readonly Thread _echo;
    private readonly byte[] _frame;
    private readonly byte[] _windowFrames;
    private readonly byte[] _receiveBuffer = new byte[64 * 1024];

    public PlainSocketPeer(byte[] body)
    {
        var messageBytes = Payload.FromMessage(new PeerEcho.OneWay(body)).GetBytes().ToArray();
        _stream = new PlainSocketStream(messageBytes);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _client.Connect(_listener.LocalEndPoint!);
        _server = _listener.Accept();
        _server.NoDelay = true;
        var source = NodeAddress.FromEndPoint((IPEndPoint)_client.LocalEndPoint!);
        var dest = NodeAddress.FromEndPoint((IPEndPoint)_listener.LocalEndPoint!);
        _frame = FrameCodec.Encode(new FrameHeader(source, dest, 1, default), new Payload(messageBytes));
        _windowFrames = new byte[_frame.Length * 64];
        for (var i = 0; i < 64; i++) _frame.CopyTo(_windowFrames, i * _frame.Length);
        _echo = new Thread(Echo) { IsBackground = true, Name = "plain-socket echo" };
        _echo.Start();
    }

    public string Name => "plain socket";

    public Task StreamAsync(int count) => _stream.RunAsync(count);

    public Task RequestAsync()
    {
        _client.Send(_frame);
        ReceiveFrames(1);
        return Task.CompletedTask;
    }

    public Task PipelineAsync(int total, int window)
    {
        if (window > 64) throw new ArgumentOutOfRangeException(nameof(window), "the plain socket peer keeps at most 64 requests outstanding");
        var first = Math.Min(window, total);
        _client.Send(_windowFrames, 0, first * _frame.Length, SocketFlags.None);
        var sent = first;
        var answered = 0;
        var pending = 0;
        while (answered < total)
        {
            pending += _client.Receive(_receiveBuffer, pending, _receiveBuffer.Length - pending, SocketFlags.None);
            var whole = pending / _frame.Length;
            pending -= whole * _frame.Length;
            if (pending > 0) Buffer.BlockCopy(_receiveBuffer, whole * _frame.Length, _receiveBuffer, 0, pending);
            answered += whole;
            var more = Math.Min(whole, total - sent);
            if (more > 0)
            {
                _client.Send(_windowFrames, 0, more * _frame.Length, SocketFlags.None);
                sent += more;
            }
        }
        return Task.CompletedTask;
    }

    private void ReceiveFrames(int count)
    {
        var needed = count * _frame.Length;
        for (var read = 0; read < needed;)
            read += _client.Receive(_receiveBuffer, read, needed - read, SocketFlags.None);
    }

    private void Echo()
    {
        var buffer = new byte[128 * 1024];
        var end = 0;
        try
        {
            while (true)
            {
                var read = _server.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
                if (read == 0) return;
                end += read;
                var start = 0;
                while (end - start >= FrameCodec.LengthPrefixSize)
                {
                    var length = FrameCodec.LengthPrefixSize + (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(start));
                    if (end - start < length) break;
                    start += length;
                }
                if (start > 0) _server.Send(buffer, 0, start, SocketFlags.None);
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
            }
        }
        catch (SocketException)
        {
            // The client closed the connection: the echo ends with it.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _listener.Dispose();
        _echo.Join();
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
