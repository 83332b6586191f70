using Proto;

namespace Mace.Benchmarks.Dispatch;

/// <summary>Two Proto.Actor actors bouncing a counter: the peer for the two-node ping-pong.</summary>
public sealed class ProtoActorPingPong : IAsyncDisposable
{
    private readonly ActorSystem _system = new();
    private readonly PID _ping;
    private readonly PID _pong;
    private TaskCompletionSource _done = new();

    public ProtoActorPingPong()
    {
        _pong = _system.Root.Spawn(Props.FromFunc(context =>
        {
            if (context.Message is Ball ball) context.Send(ball.ReplyTo, ball with { Remaining = ball.Remaining - 1 });
            return Task.CompletedTask;
        }));
        _ping = _system.Root.Spawn(Props.FromFunc(context =>
        {
            if (context.Message is Ball ball)
            {
                if (ball.Remaining <= 0) _done.TrySetResult();
                else context.Send(_pong, ball with { ReplyTo = context.Self });
            }
            return Task.CompletedTask;
        }));
    }

    public Task RunAsync(int roundTrips)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _system.Root.Send(_ping, new Ball(roundTrips, _ping));
        return _done.Task;
    }

    public async ValueTask DisposeAsync() => await _system.ShutdownAsync();

    private sealed record Ball(int Remaining, PID ReplyTo);
}
