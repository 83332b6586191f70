using Mace.Runtime.Hosting;

namespace Mace.Runtime.Tests.Hosting;

/// <summary>Real timers: work runs on the lane; a cancelled timer never runs, even when already posted.</summary>
public class TimerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SetTimer_RunsItsWorkAsAnEventOnTheLane()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var fired = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await node.InvokeAsync(() => node.SetTimer(TimeSpan.FromMilliseconds(10), () => fired.TrySetResult(node.InEvent)));
        Assert.True(await fired.Task.WaitAsync(s_timeout));
        Assert.Equal(0, environment.PendingTimers);
    }

    [Fact]
    public async Task Cancel_AfterTheFiringWasPosted_StillPreventsTheWork()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var ran = false;
        var posted = await node.InvokeAsync(() =>
        {
            var handle = node.SetTimer(TimeSpan.Zero, () => ran = true);
            // Hold the lane until the clock has queued the firing behind this event, then cancel.
            var deadline = DateTime.UtcNow + s_timeout;
            while (environment.QueuedWork == 0 && DateTime.UtcNow < deadline) Thread.Yield();
            var queued = environment.QueuedWork > 0;
            handle.Cancel();
            return queued;
        });
        Assert.True(posted);
        await node.InvokeAsync(() => { }).WaitAsync(s_timeout);
        Assert.False(await node.InvokeAsync(() => ran));
        Assert.Equal(0, environment.PendingTimers);
    }

    [Fact]
    public async Task MaceTimer_Recurring_FiresRepeatedly_UntilCancelled()
    {
        using var environment = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        var node = new Node(environment);
        var service = new TickService(node);
        var thirdTick = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.OnTick = count =>
        {
            if (count == 3)
            {
                service.Tick.Cancel();
                thirdTick.TrySetResult();
            }
        };
        await node.InvokeAsync(() => service.Tick.Schedule(TimeSpan.FromMilliseconds(5)));
        await thirdTick.Task.WaitAsync(s_timeout);
        Assert.Equal(3, await node.InvokeAsync(() => service.Count));
        Assert.False(await node.InvokeAsync(() => service.Tick.IsScheduled));
    }

    private sealed class TickService : ServiceBase
    {
        public TickService(Node node)
            : base(node)
        {
            Tick = new Timers.MaceTimer(this, "Tick", () => OnTick(++Count), TimeSpan.FromMilliseconds(5));
        }

        public Timers.MaceTimer Tick { get; }

        public int Count { get; private set; }

        public Action<int> OnTick { get; set; } = _ => { };

        public override string ServiceName => "Tick";

        public override void MaceInit()
        {
        }

        public override void MaceExit()
        {
        }

        public override void MaceReset()
        {
        }
    }
}
