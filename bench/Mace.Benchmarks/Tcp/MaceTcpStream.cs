using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Benchmarks.Tcp;

/// <summary>Two Mace nodes on real TCP (127.0.0.1): node A's Blast service routes N messages to node B's, which upcalls once it has seen them all.</summary>
public sealed class MaceTcpStream : IDisposable, IBlastDone
{
    private readonly RealNodeEnvironment _envA = new(new RealNodeOptions { Seed = 1, SendQueueCapacity = 1 << 20 });
    private readonly RealNodeEnvironment _envB = new(new RealNodeOptions { Seed = 2, SendQueueCapacity = 1 << 20 });
    private readonly Node _nodeA;
    private readonly Node _nodeB;
    private readonly Blast _a;
    private readonly Blast _b;
    private readonly byte[] _body;
    private readonly bool _onPath;
    private TaskCompletionSource _done = new();

    public MaceTcpStream(byte[] body, ITraceSink? traceSink = null, Runtime.Tracing.TraceLevel? traceLevel = null, bool onPath = false)
    {
        _body = body;
        _onPath = onPath;
        _nodeA = new Node(_envA) { TraceSink = traceSink, TraceLevelOverride = traceLevel };
        _nodeB = new Node(_envB) { TraceSink = traceSink, TraceLevelOverride = traceLevel };
        _a = Blast.Create(_nodeA);
        _b = Blast.Create(_nodeB);
        _b.RegisterBlastDone(0, this);
        Task.WaitAll(_nodeA.StartAsync(), _nodeB.StartAsync());
    }

    /// <summary>The size of one message on the wire, without the frame header.</summary>
    public int MessageSize => Payload.FromMessage(new Blast.Chunk(_body)).GetBytes().Length;

    public async Task RunAsync(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _nodeB.InvokeAsync(() => _b.Expect(count));
        var peer = _nodeB.Address;
        _nodeA.Post(() =>
        {
            // On a path, every frame carries the trace id and every delivery joins the path.
            if (_onPath) _nodeA.StartPath();
            _a.Send(peer, count, _body);
        });
        await _done.Task;
    }

    public void Received(int count) => _done.TrySetResult();

    public void Dispose()
    {
        Task.WaitAll(_nodeA.StopAsync(), _nodeB.StopAsync());
        _envA.Dispose();
        _envB.Dispose();
    }
}
