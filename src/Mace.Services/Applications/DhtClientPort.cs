using System.Net;
using System.Net.Sockets;
using System.Text;
using Mace.Runtime;
using Microsoft.Extensions.Logging;

namespace Mace.Services.Applications;

/// <summary>
/// A line protocol over TCP for a DHT node, for shells, scripts and tests (no authentication: bind
/// it to an address only trusted clients reach). Each request is one UTF-8 line, each answer one line:
/// <list type="table">
/// <item><term><c>put KEY VALUE</c></term><description><c>ok KEY</c> once the owner acknowledged it (after storing it and sending the copies), else <c>timeout KEY</c></description></item>
/// <item><term><c>get KEY</c></term><description><c>found KEY VALUE</c>, <c>missing KEY</c>, or <c>timeout KEY</c></description></item>
/// <item><term><c>status</c></term><description><c>joined true|false</c> and the node's address</description></item>
/// </list>
/// KEY is any text without spaces (hashed with <see cref="Key.Hash(string)"/>); VALUE is the rest of
/// the line. Anything else gets <c>error ...</c> and the connection stays open. Lines are at most
/// 64 KiB and at most 64 clients are served at once. Started by the node's <c>MaceInit</c>, stopped
/// by its <c>MaceExit</c>.
/// </summary>
public sealed partial class DhtClientPort : IService, IDHTResults
{
    private const int MaxLineBytes = 64 * 1024;
    private const int MaxClients = 64;

    private readonly Node _node;
    private readonly OverlayStack _stack;
    private readonly IPEndPoint _endPoint;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    // Lane only: the requests waiting for the DHT's answer, by key.
    private readonly Dictionary<Key, List<TaskCompletionSource<bool>>> _puts = [];
    private readonly Dictionary<Key, List<TaskCompletionSource<byte[]?>>> _gets = [];
    private readonly SemaphoreSlim _clientSlots = new(MaxClients);
    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;

    public DhtClientPort(Node node, OverlayStack stack, IPEndPoint endPoint, TimeSpan timeout, ILogger logger)
    {
        _node = node;
        _stack = stack;
        _endPoint = endPoint;
        _timeout = timeout;
        _logger = logger;
        // Bound now, so a port in use fails the node's start with the port's name.
        _listener = new TcpListener(endPoint);
        _listener.Start();
        stack.Dht!.RegisterDHTResults(0, this);
        node.Attach(this);
    }

    public string ServiceName => nameof(DhtClientPort);

    public void MaceInit()
    {
        if (_listener is not { } listener || _stopping is not null) return;
        _stopping = new CancellationTokenSource();
        LogServing(_logger, _endPoint);
        _ = AcceptAsync(listener, _stopping.Token);
    }

    public void MaceExit()
    {
        _stopping?.Cancel();
        _listener?.Stop();
        _listener = null;
    }

    public void MaceReset() => MaceExit();

    void IDHTResults.PutResult(Key key, bool stored)
    {
        if (_puts.Remove(key, out var waiting)) foreach (var w in waiting) w.TrySetResult(stored);
    }

    void IDHTResults.GetResult(Key key, bool found, byte[]? value)
    {
        if (_gets.Remove(key, out var waiting)) foreach (var w in waiting) w.TrySetResult(found ? value ?? [] : null);
    }

    void IDHTResults.RemoveResult(Key key, bool removed)
    {
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (!_clientSlots.Wait(0))
            {
                client.Dispose();
                continue;
            }
            _ = ServeAsync(client, stopping);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
                while (!stopping.IsCancellationRequested)
                {
                    var line = await ReadLineAsync(reader, stopping);
                    if (line is null) return;
                    await writer.WriteLineAsync(await AnswerAsync(line.Trim()));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the node stops: nothing to answer.
        }
        finally
        {
            _clientSlots.Release();
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken stopping)
    {
        var line = new StringBuilder();
        var one = new char[1];
        while (true)
        {
            if (await reader.ReadAsync(one.AsMemory(), stopping) == 0) return line.Length > 0 ? line.ToString() : null;
            if (one[0] == '\n') return line.ToString();
            if (line.Length >= MaxLineBytes) throw new IOException("client line longer than 64 KiB");
            line.Append(one[0]);
        }
    }

    private async Task<string> AnswerAsync(string line)
    {
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["status"]:
                var joined = await _node.InvokeAsync(() => _stack.Overlay.IsJoined(0));
                return $"joined {(joined ? "true" : "false")} {_node.Address}";
            case ["put", var keyText, var value]:
                {
                    var key = Key.Hash(keyText);
                    var done = Waiter<bool>();
                    await _node.InvokeAsync(() =>
                    {
                        Enlist(_puts, key, done);
                        _stack.Dht!.Put(key, Encoding.UTF8.GetBytes(value));
                    });
                    return await WithinTimeout(done.Task) switch
                    {
                        (true, true) => $"ok {keyText}",
                        (true, false) => $"failed {keyText}",
                        _ => Forget(_puts, key, done, $"timeout {keyText}"),
                    };
                }
            case ["get", var keyText]:
                {
                    var key = Key.Hash(keyText);
                    var done = Waiter<byte[]?>();
                    await _node.InvokeAsync(() =>
                    {
                        Enlist(_gets, key, done);
                        _stack.Dht!.Get(key);
                    });
                    return await WithinTimeout(done.Task) switch
                    {
                        (true, { } value) => $"found {keyText} {Encoding.UTF8.GetString(value)}",
                        (true, null) => $"missing {keyText}",
                        _ => Forget(_gets, key, done, $"timeout {keyText}"),
                    };
                }
            default:
                return "error expected 'put KEY VALUE', 'get KEY' or 'status'";
        }
    }

    private static TaskCompletionSource<T> Waiter<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Enlist<T>(Dictionary<Key, List<TaskCompletionSource<T>>> pending, Key key, TaskCompletionSource<T> waiter)
    {
        if (!pending.TryGetValue(key, out var list)) pending[key] = list = [];
        list.Add(waiter);
    }

    // A request that timed out stops waiting, so unanswered keys do not pile up.
    private string Forget<T>(Dictionary<Key, List<TaskCompletionSource<T>>> pending, Key key, TaskCompletionSource<T> waiter, string answer)
    {
        _node.Post(() =>
        {
            if (pending.TryGetValue(key, out var list) && list.Remove(waiter) && list.Count == 0) pending.Remove(key);
        });
        return answer;
    }

    private async Task<(bool Answered, T? Value)> WithinTimeout<T>(Task<T> answer)
    {
        try
        {
            return (true, await answer.WaitAsync(_timeout));
        }
        catch (TimeoutException)
        {
            return (false, default);
        }
    }

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "client protocol on {EndPoint}")]
    private static partial void LogServing(ILogger logger, IPEndPoint endPoint);
}
