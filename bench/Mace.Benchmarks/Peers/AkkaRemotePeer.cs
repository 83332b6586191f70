using Akka.Actor;
using Akka.Configuration;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// Akka.NET remoting over its default transport (DotNetty TCP): two actor systems in one process,
/// each bound to 127.0.0.1; the client holds remote references resolved by actor path, and the
/// messages are <c>byte[]</c>, which Akka serializes with its built-in byte-array serializer.
/// </summary>
public sealed class AkkaRemotePeer : IMessagingPeer
{
    private static readonly Config RemoteConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          actor.provider = remote
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        }
        """);

    private readonly byte[] _body;
    private readonly ActorSystem _server;
    private readonly ActorSystem _client;
    private readonly IActorRef _localSink;
    private readonly IActorRef _remoteSink;
    private readonly IActorRef _remoteEcho;
    private readonly IActorRef _driver;

    public AkkaRemotePeer(byte[] body)
    {
        _body = body;
        _server = ActorSystem.Create("server", RemoteConfig);
        _client = ActorSystem.Create("client", RemoteConfig);
        _localSink = _server.ActorOf(Props.Create(() => new Sink()), "sink");
        _server.ActorOf(Props.Create(() => new Echo()), "echo");
        var serverAddress = ((ExtendedActorSystem)_server).Provider.DefaultAddress;
        _remoteSink = Resolve($"{serverAddress}/user/sink");
        _remoteEcho = Resolve($"{serverAddress}/user/echo");
        _driver = _client.ActorOf(Props.Create(() => new PipelineDriver()), "driver");
    }

    public string Name => "Akka.Remote";

    public async Task StreamAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _localSink.Ask<bool>(new Expect(count, done));
        for (var i = 0; i < count; i++) _remoteSink.Tell(_body, ActorRefs.NoSender);
        await done.Task;
    }

    public Task RequestAsync() => _remoteEcho.Ask<byte[]>(_body);

    public Task PipelineAsync(int total, int window)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _driver.Tell(new StartPipeline(_remoteEcho, _body, total, window, done));
        return done.Task;
    }

    private IActorRef Resolve(string path) =>
        _client.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _client.Terminate();
        await _server.Terminate();
    }

    private sealed record Expect(int Count, TaskCompletionSource Done);

    private sealed record StartPipeline(IActorRef Target, byte[] Body, int Total, int Window, TaskCompletionSource Done);

    /// <summary>Counts one-way messages and completes the armed task at the expected count.</summary>
    private sealed class Sink : UntypedActor
    {
        private Expect? _expect;
        private int _seen;

        protected override void OnReceive(object message)
        {
            if (message is Expect expect)
            {
                _expect = expect;
                _seen = 0;
                Sender.Tell(true);
            }
            else if (message is byte[] && ++_seen == _expect?.Count)
            {
                _expect.Done.TrySetResult();
            }
        }
    }

    /// <summary>Answers every request with its own bytes.</summary>
    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    /// <summary>Keeps a window of requests outstanding against the echo until the total is answered.</summary>
    private sealed class PipelineDriver : UntypedActor
    {
        private StartPipeline? _run;
        private int _sent;
        private int _answered;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case StartPipeline run:
                    _run = run;
                    _answered = 0;
                    _sent = Math.Min(run.Window, run.Total);
                    for (var i = 0; i < _sent; i++) run.Target.Tell(run.Body, Self);
                    break;
                case byte[] when _run is { } active:
                    if (++_answered == active.Total) active.Done.TrySetResult();
                    else if (_sent < active.Total)
                    {
                        _sent++;
                        active.Target.Tell(active.Body, Self);
                    }
                    break;
            }
        }
    }
}
