using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Proto;
using Proto.Remote;
using Proto.Remote.GrpcNet;

namespace Mace.Benchmarks.Peers;

/// <summary>
/// Proto.Actor remoting over gRPC: two actor systems in one process, each bound to 127.0.0.1; the
/// messages are protobuf <see cref="BytesValue"/>s (Proto.Remote serializes protobuf messages).
/// </summary>
public sealed class ProtoRemotePeer : IMessagingPeer
{
    private readonly BytesValue _body;
    private readonly ActorSystem _server;
    private readonly ActorSystem _client;
    private readonly PID _localSink;
    private readonly PID _remoteSink;
    private readonly PID _remoteEcho;
    private readonly PID _driver;

    public ProtoRemotePeer(byte[] body)
    {
        _body = new BytesValue { Value = ByteString.CopyFrom(body) };
        _server = StartRemote();
        _client = StartRemote();
        _localSink = _server.Root.SpawnNamed(Props.FromProducer(() => new Sink()), "sink");
        _server.Root.SpawnNamed(Props.FromFunc(context =>
        {
            if (context.Message is BytesValue) context.Respond(context.Message);
            return Task.CompletedTask;
        }), "echo");
        _remoteSink = PID.FromAddress(_server.Address, "sink");
        _remoteEcho = PID.FromAddress(_server.Address, "echo");
        _driver = _client.Root.Spawn(Props.FromProducer(() => new PipelineDriver()));
    }

    public string Name => "Proto.Remote";

    public async Task StreamAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _server.Root.RequestAsync<bool>(_localSink, new Expect(count, done));
        for (var i = 0; i < count; i++) _client.Root.Send(_remoteSink, _body);
        await done.Task;
    }

    public Task RequestAsync() => _client.Root.RequestAsync<BytesValue>(_remoteEcho, _body);

    public Task PipelineAsync(int total, int window)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Root.Send(_driver, new StartPipeline(_remoteEcho, _body, total, window, done));
        return done.Task;
    }

    private static ActorSystem StartRemote()
    {
        var config = RemoteConfig.BindToLocalhost().WithProtoMessages(WrappersReflection.Descriptor);
        var system = new ActorSystem().WithRemote(config);
        system.Remote().StartAsync().GetAwaiter().GetResult();
        return system;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.Remote().ShutdownAsync();
        await _server.Remote().ShutdownAsync();
    }

    private sealed record Expect(int Count, TaskCompletionSource Done);

    private sealed record StartPipeline(PID Target, BytesValue Body, int Total, int Window, TaskCompletionSource Done);

    /// <summary>Counts one-way messages and completes the armed task at the expected count.</summary>
    private sealed class Sink : IActor
    {
        private Expect? _expect;
        private int _seen;

        public Task ReceiveAsync(IContext context)
        {
            if (context.Message is Expect expect)
            {
                _expect = expect;
                _seen = 0;
                context.Respond(true);
            }
            else if (context.Message is BytesValue && ++_seen == _expect?.Count)
            {
                _expect.Done.TrySetResult();
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Keeps a window of requests outstanding against the echo until the total is answered.</summary>
    private sealed class PipelineDriver : IActor
    {
        private StartPipeline? _run;
        private int _sent;
        private int _answered;

        public Task ReceiveAsync(IContext context)
        {
            switch (context.Message)
            {
                case StartPipeline run:
                    _run = run;
                    _answered = 0;
                    _sent = Math.Min(run.Window, run.Total);
                    for (var i = 0; i < _sent; i++) context.Request(run.Target, run.Body);
                    break;
                case BytesValue when _run is { } active:
                    if (++_answered == active.Total) active.Done.TrySetResult();
                    else if (_sent < active.Total)
                    {
                        _sent++;
                        context.Request(active.Target, active.Body);
                    }
                    break;
            }
            return Task.CompletedTask;
        }
    }
}
