using System.Collections.Concurrent;
using Mace.Runtime.Hosting;
using Mace.Runtime.Transports;

namespace Mace.Runtime.Tests.Transports;

/// <summary>
/// The TCP transport's receive buffers go back to the pool only after frames went to receivers that
/// copy what they keep (<see cref="ICopiesReceivedPayloads"/>): a receiver that keeps the payloads
/// it was handed finds their bytes intact however much arrives after them.
/// </summary>
public sealed class ReceiveBufferReuseTests
{
    private const int RegistrationId = 11;
    private const int Burst = 3000;

    [Fact]
    public async Task AReceiverThatKeepsPayloads_FindsThemIntact_AfterThousandsMoreFramesArrive()
    {
        await using var pair = await NodePair.StartAsync(copying: false);

        await pair.SendAsync(0, Burst);
        await pair.SendAsync(Burst, Burst);

        var kept = pair.Sink.Kept.ToArray();
        Assert.Equal(2 * Burst, kept.Length);
        for (var i = 0; i < kept.Length; i++) Assert.Equal(Body(i), kept[i].GetBytes().ToArray());
        Assert.Equal(0, pair.ReceiverStatistics.ReceiveBuffersReturned);
    }

    [Fact]
    public async Task AReceiverThatCopies_GetsEveryFrameInOrder_AndTheBuffersGoBackToThePool()
    {
        await using var pair = await NodePair.StartAsync(copying: true);

        await pair.SendAsync(0, Burst);
        await pair.SendAsync(Burst, Burst);

        var copied = pair.Sink.Copies.ToArray();
        Assert.Equal(2 * Burst, copied.Length);
        for (var i = 0; i < copied.Length; i++) Assert.Equal(Body(i), copied[i]);
        Assert.True(pair.ReceiverStatistics.ReceiveBuffersReturned > 0, pair.ReceiverStatistics.ToString());
        Assert.Equal(0, pair.ReceiverStatistics.MalformedDropped);
    }

    // Sizes from 1 to 300 bytes, so frames straddle reads and some reads hand their whole buffer on.
    private static byte[] Body(int i)
    {
        var body = new byte[1 + i * 7 % 300];
        for (var j = 0; j < body.Length; j++) body[j] = (byte)(i * 31 + j);
        return body;
    }

    private sealed class NodePair : IAsyncDisposable
    {
        private readonly RealNodeEnvironment _senderEnvironment;
        private readonly RealNodeEnvironment _receiverEnvironment;
        private readonly Node _sender;
        private readonly Node _receiver;
        private readonly TcpSocketTransport _senderNet;

        private NodePair(RealNodeEnvironment senderEnvironment, RealNodeEnvironment receiverEnvironment, Node sender, Node receiver, TcpSocketTransport senderNet, TcpSocketTransport receiverNet, Sink sink)
        {
            _senderEnvironment = senderEnvironment;
            _receiverEnvironment = receiverEnvironment;
            _sender = sender;
            _receiver = receiver;
            _senderNet = senderNet;
            ReceiverStatistics = receiverNet.Statistics;
            Sink = sink;
        }

        public Sink Sink { get; }

        public TransportStatistics ReceiverStatistics { get; }

        public static async Task<NodePair> StartAsync(bool copying)
        {
            var options = new RealNodeOptions { Seed = 1, SendQueueCapacity = 4 * Burst };
            var senderEnvironment = new RealNodeEnvironment(options);
            var receiverEnvironment = new RealNodeEnvironment(options with { Seed = 2 });
            var sender = new Node(senderEnvironment);
            var receiver = new Node(receiverEnvironment);
            var senderNet = await sender.InvokeAsync(() => (TcpSocketTransport)senderEnvironment.CreateTransport(sender, TransportKind.Tcp));
            var (receiverNet, sink) = await receiver.InvokeAsync(() =>
            {
                var net = (TcpSocketTransport)receiverEnvironment.CreateTransport(receiver, TransportKind.Tcp);
                Sink handler = copying ? new CopyingSink() : new KeepingSink();
                net.RegisterReceiveData(RegistrationId, handler);
                return (net, handler);
            });
            await Task.WhenAll(sender.StartAsync(), receiver.StartAsync()).WaitAsync(PingNode.Timeout);
            return new NodePair(senderEnvironment, receiverEnvironment, sender, receiver, senderNet, receiverNet, sink);
        }

        /// <summary>Sends bodies first .. first+count-1 in one event and waits until all have arrived.</summary>
        public async Task SendAsync(int first, int count)
        {
            var arrived = Sink.WaitFor(first + count);
            var dest = _receiver.Address;
            await _sender.InvokeAsync(() =>
            {
                for (var i = first; i < first + count; i++) Assert.True(_senderNet.Route(RegistrationId, dest, new Payload(Body(i))));
            });
            await arrived.WaitAsync(PingNode.Timeout);
        }

        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(_sender.StopAsync(), _receiver.StopAsync()).WaitAsync(PingNode.Timeout);
            _senderEnvironment.Dispose();
            _receiverEnvironment.Dispose();
        }
    }

    /// <summary>Counts deliveries; the two kinds differ in what they keep.</summary>
    private abstract class Sink : IReceiveData
    {
        private int _count;
        private int _target = int.MaxValue;
        private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<Payload> Kept { get; } = new();

        public ConcurrentQueue<byte[]> Copies { get; } = new();

        public Task WaitFor(int count)
        {
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _target, count);
            if (Volatile.Read(ref _count) >= count) _reached.TrySetResult();
            return _reached.Task;
        }

        public void Deliver(NodeAddress src, NodeAddress dest, Payload message)
        {
            Keep(message);
            if (Interlocked.Increment(ref _count) >= Volatile.Read(ref _target)) _reached.TrySetResult();
        }

        protected abstract void Keep(Payload message);
    }

    /// <summary>Keeps the payloads as handed over: the transport must never reuse their bytes.</summary>
    private sealed class KeepingSink : Sink
    {
        protected override void Keep(Payload message) => Kept.Enqueue(message);
    }

    /// <summary>Copies every payload before returning, and says so.</summary>
    private sealed class CopyingSink : Sink, ICopiesReceivedPayloads
    {
        protected override void Keep(Payload message) => Copies.Enqueue(message.GetBytes().ToArray());
    }
}
