using System.Net.Sockets;

namespace Mace.Runtime.Tests.Transports;

/// <summary>A hand-driven TCP client for feeding a node bytes no transport would send.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public static async Task<RawPeer> ConnectAsync(NodeAddress node)
    {
        var peer = new RawPeer();
        await peer._socket.ConnectAsync(node.ToEndPoint()).WaitAsync(PingNode.Timeout);
        return peer;
    }

    public async Task SendAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length) sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Completes when the node closes the connection (a read returns 0 or fails).</summary>
    public async Task<bool> ClosedByNodeAsync()
    {
        var buffer = new byte[256];
        try
        {
            while (await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(PingNode.Timeout) > 0)
            {
            }
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();
}
