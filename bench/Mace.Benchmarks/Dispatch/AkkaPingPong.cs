using Akka.Actor;

namespace Mace.Benchmarks.Dispatch;

/// <summary>Two Akka.NET actors bouncing a counter: the second peer for the two-node ping-pong.</summary>
public sealed class AkkaPingPong : IAsyncDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("bench");
    private readonly IActorRef _ping;
    private TaskCompletionSource _done = new();

    public AkkaPingPong()
    {
        var pong = _system.ActorOf(Props.Create(() => new PongActor()));
        _ping = _system.ActorOf(Props.Create(() => new PingActor(pong, this)));
    }

    public Task RunAsync(int roundTrips)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ping.Tell(new Ball(roundTrips));
        return _done.Task;
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();

    private sealed record Ball(int Remaining);

    private sealed class PongActor : ReceiveActor
    {
        public PongActor() => Receive<Ball>(ball => Sender.Tell(ball with { Remaining = ball.Remaining - 1 }));
    }

    private sealed class PingActor : ReceiveActor
    {
        public PingActor(IActorRef pong, AkkaPingPong owner) => Receive<Ball>(ball =>
        {
            if (ball.Remaining <= 0) owner._done.TrySetResult();
            else pong.Tell(ball);
        });
    }
}
