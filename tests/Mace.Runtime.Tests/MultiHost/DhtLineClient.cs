using System.Net.Sockets;

namespace Mace.Runtime.Tests.MultiHost;

/// <summary>A client of the DHT node's line protocol (see DhtClientPort).</summary>
internal sealed class DhtLineClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly string _name;

    private DhtLineClient(TcpClient tcp, string name)
    {
        _tcp = tcp;
        _name = name;
        var stream = tcp.GetStream();
        _reader = new StreamReader(stream);
        _writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
    }

    public static async Task<DhtLineClient> ConnectAsync(string address, int port, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var tcp = new TcpClient();
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await tcp.ConnectAsync(address, port, attempt.Token);
                return new DhtLineClient(tcp, $"{address}:{port}");
            }
            catch (Exception ex) when ((ex is SocketException or OperationCanceledException) && DateTime.UtcNow < deadline)
            {
                // The client port listens once the node has started; a refused connection is retried.
                tcp.Dispose();
            }
        }
    }

    public async Task<string> AskAsync(string request)
    {
        await _writer.WriteLineAsync(request);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _reader.ReadLineAsync(limit.Token) ?? throw new IOException($"{_name} closed the connection after '{request}'");
    }

    public override string ToString() => _name;

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _tcp.Dispose();
    }
}
