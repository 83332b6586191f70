using System.Collections.Concurrent;
using Mace.Runtime.Hosting;

namespace Mace.Runtime.Tests.Hosting;

/// <summary>The real lane: one event at a time, FIFO, Defer after the outermost event, nodes in parallel.</summary>
public class LaneTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Post_FromManyThreads_RunsOneEventAtATime()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1, LaneBatchSize = 4 });
        var node = new Node(environment);
        var inside = 0;
        var maxInside = 0;
        var ran = 0;
        const int threads = 8, perThread = 500;
        var all = new CountdownEvent(threads * perThread);
        var producers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                node.Post(() =>
                {
                    var now = Interlocked.Increment(ref inside);
                    if (now > maxInside) maxInside = now;
                    ran++; // deliberately not interlocked: the lane must serialize it
                    Interlocked.Decrement(ref inside);
                    all.Signal();
                });
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(producers);
        Assert.True(all.Wait(s_timeout));
        Assert.Equal(1, maxInside);
        Assert.Equal(threads * perThread, await node.InvokeAsync(() => ran));
    }

    [Fact]
    public async Task Post_FromOneThread_RunsInOrder()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var seen = new List<int>();
        for (var i = 0; i < 1000; i++)
        {
            var n = i;
            node.Post(() => seen.Add(n));
        }
        var result = await node.InvokeAsync(() => seen.ToArray()).WaitAsync(s_timeout);
        Assert.Equal(Enumerable.Range(0, 1000), result);
    }

    [Fact]
    public async Task Defer_RunsAfterTheOutermostEvent_BeforeTheNext()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var log = new ConcurrentQueue<string>();
        node.Post(() =>
        {
            log.Enqueue("outer-start");
            node.Execute(() =>
            {
                node.Defer(() => log.Enqueue("deferred"));
                log.Enqueue("nested");
            });
            log.Enqueue("outer-end");
        });
        node.Post(() => log.Enqueue("next"));
        await node.InvokeAsync(() => { }).WaitAsync(s_timeout);
        Assert.Equal(["outer-start", "nested", "outer-end", "deferred", "next"], log);
    }

    [Fact]
    public async Task InvokeAsync_FromManyThreads_AllComplete()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var counter = 0;
        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++) await node.InvokeAsync(() => counter++);
        }));
        await Task.WhenAll(calls).WaitAsync(s_timeout);
        Assert.Equal(2000, await node.InvokeAsync(() => counter));
    }

    [Fact]
    public async Task ManyNodes_RunInParallel_NoGlobalLock()
    {
        // Node A's event waits for node B's event to start; with a process-wide lock they would deadlock.
        using var envA = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        using var envB = new RealNodeEnvironment(new RealNodeOptions { Seed = 2 });
        var a = new Node(envA);
        var b = new Node(envB);
        using var bStarted = new ManualResetEventSlim();
        using var aStarted = new ManualResetEventSlim();
        var first = a.InvokeAsync(() =>
        {
            aStarted.Set();
            return bStarted.Wait(s_timeout);
        });
        Assert.True(aStarted.Wait(s_timeout));
        var second = b.InvokeAsync(() => bStarted.Set());
        Assert.True(await first.WaitAsync(s_timeout));
        await second.WaitAsync(s_timeout);
    }

    [Fact]
    public async Task FailingEvent_IsAbandoned_AndTheNodeGoesOn()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var failed = node.InvokeAsync(() => throw new InvalidOperationException("boom"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(s_timeout));
        Assert.Equal(42, await node.InvokeAsync(() => 42).WaitAsync(s_timeout));
        Assert.Equal(1, environment.FailedEvents);
        Assert.Equal(1, node.FailedEvents);
    }

    [Fact]
    public async Task SeededRandom_IsReproduciblePerNode()
    {
        using var first = new RealNodeEnvironment(new RealNodeOptions { Seed = 7 });
        using var second = new RealNodeEnvironment(new RealNodeOptions { Seed = 7 });
        var a = Enumerable.Range(0, 10).Select(_ => first.RandInt(1000)).ToArray();
        var b = Enumerable.Range(0, 10).Select(_ => second.RandInt(1000)).ToArray();
        Assert.Equal(a, b);
        Assert.Equal(7, first.Seed);
        await Task.CompletedTask;
    }
}
