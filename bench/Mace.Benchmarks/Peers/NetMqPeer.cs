using NetMQ;
using NetMQ.Sockets;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// NetMQ, ZeroMQ's C# port, used as its guide says: PUSH/PULL for a one-way stream, DEALER/ROUTER
/// for requests. Each receiving socket lives on its own thread (NetMQ sockets are single-threaded).
/// </summary>
public sealed class NetMqPeer : IMessagingPeer
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly byte[] _body;
    private readonly PushSocket _push = new();
    private readonly DealerSocket _dealer = new();
    private readonly Thread _pullThread;
    private readonly Thread _routerThread;
    private readonly ManualResetEventSlim _ready = new();
    private volatile bool _stopping;
    private int _pushPort;
    private int _routerPort;
    private int _expected = -1;
    private int _seen;
    private TaskCompletionSource _streamed = new();

    public NetMqPeer(byte[] body)
    {
        _body = body;
        _pullThread = new Thread(Pull) { IsBackground = true, Name = "netmq pull" };
        _routerThread = new Thread(Route) { IsBackground = true, Name = "netmq router" };
        _pullThread.Start();
        _ready.Wait();
        _ready.Reset();
        _routerThread.Start();
        _ready.Wait();
        _push.Connect($"tcp://127.0.0.1:{_pushPort}");
        _dealer.Connect($"tcp://127.0.0.1:{_routerPort}");
    }

    public string Name => "NetMQ";

    public Task StreamAsync(int count)
    {
        _streamed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _seen, 0);
        Volatile.Write(ref _expected, count);
        for (var i = 0; i < count; i++) _push.SendFrame(_body);
        return _streamed.Task;
    }

    public Task RequestAsync()
    {
        _dealer.SendFrame(_body);
        _dealer.ReceiveFrameBytes();
        return Task.CompletedTask;
    }

    public Task PipelineAsync(int total, int window)
    {
        var sent = Math.Min(window, total);
        for (var i = 0; i < sent; i++) _dealer.SendFrame(_body);
        for (var answered = 0; answered < total; answered++)
        {
            _dealer.ReceiveFrameBytes();
            if (sent < total)
            {
                _dealer.SendFrame(_body);
                sent++;
            }
        }
        return Task.CompletedTask;
    }

    private void Pull()
    {
        using var pull = new PullSocket();
        _pushPort = pull.BindRandomPort("tcp://127.0.0.1");
        _ready.Set();
        while (!_stopping)
        {
            if (!pull.TryReceiveFrameBytes(PollInterval, out _)) continue;
            var seen = Interlocked.Increment(ref _seen);
            if (seen == Volatile.Read(ref _expected)) _streamed.TrySetResult();
        }
    }

    private void Route()
    {
        using var router = new RouterSocket();
        _routerPort = router.BindRandomPort("tcp://127.0.0.1");
        _ready.Set();
        while (!_stopping)
        {
            if (!router.TryReceiveFrameBytes(PollInterval, out var identity)) continue;
            var request = router.ReceiveFrameBytes();
            router.SendMoreFrame(identity).SendFrame(request);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        _pullThread.Join();
        _routerThread.Join();
        _push.Dispose();
        _dealer.Dispose();
        _ready.Dispose();
        return ValueTask.CompletedTask;
    }
}
