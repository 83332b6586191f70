using System.Collections.Concurrent;
using Mace.Runtime.Hosting;
using Mace.Runtime.Serialization;
using Mace.Runtime.Transports.InProcess;

namespace Mace.Runtime.Tests.Transports;

/// <summary>
/// The in-process transport between two real lanes: every message arrives once, in order, as its
/// own event caused by the sending event, with bytes of its own that later deliveries (which reuse
/// the work items) never overwrite; failures surface as they would on a network.
/// </summary>
public sealed class InProcessTransportTests : IAsyncLifetime
{
    private const int RegistrationId = 7;
    private readonly RealNodeEnvironment _envA = new(new RealNodeOptions { Seed = 1 });
    private readonly RealNodeEnvironment _envB = new(new RealNodeOptions { Seed = 2 });
    private readonly InProcessNetwork _network = new();
    private Node _a = null!;
    private Node _b = null!;
    private InProcessTransport _netA = null!;
    private InProcessTransport _netB = null!;
    private KeepingReceiver _receiverA = null!;
    private KeepingReceiver _receiverB = null!;

    public async Task InitializeAsync()
    {
        _a = new Node(_envA, NodeAddress.Simulated(1));
        _b = new Node(_envB, NodeAddress.Simulated(2));
        _netA = _network.CreateTransport(_a);
        _netB = _network.CreateTransport(_b);
        _receiverA = new KeepingReceiver(_a);
        _receiverB = new KeepingReceiver(_b);
        _netA.RegisterReceiveData(RegistrationId, _receiverA);
        _netA.RegisterNetworkError(RegistrationId, _receiverA);
        _netB.RegisterReceiveData(RegistrationId, _receiverB);
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_a.StopAsync(), _b.StopAsync());
        _envA.Dispose();
        _envB.Dispose();
    }

    [Fact]
    public async Task AThousandMessages_ArriveInOrder_EachCausedByItsSend_WithBytesNoLaterDeliveryOverwrites()
    {
        const int count = 1000;
        var sendingEvents = new long[count];
        var all = _receiverB.WaitFor(count);
        // Bursts of different sizes: the work items are reused while some are still queued.
        for (var sent = 0; sent < count;)
        {
            var burst = Math.Min(1 + sent % 37, count - sent);
            var first = sent;
            await _a.InvokeAsync(() =>
            {
                for (var i = first; i < first + burst; i++)
                {
                    sendingEvents[i] = _a.EventId;
                    Assert.True(_netA.Route(RegistrationId, _b.Address, new Payload(Body(i))));
                }
            });
            sent += burst;
        }
        await all.WaitAsync(TimeSpan.FromSeconds(30));

        var received = _receiverB.Received.ToArray();
        Assert.Equal(count, received.Length);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(_a.Address, received[i].Source);
            Assert.Equal(Body(i), received[i].Payload.GetBytes().ToArray());
            Assert.Equal(new CausalLink(_a.Address, sendingEvents[i]), received[i].Cause);
        }
        Assert.Equal(count, received.Select(r => r.EventId).Distinct().Count());
        Assert.Equal(count, _netA.Sent);
        Assert.Equal(count, _netB.Delivered);
    }

    [Fact]
    public async Task AMessageItsReceiverCannotDecode_IsCountedAndDropped_AndTheNextOneArrives()
    {
        var both = _receiverB.WaitFor(1);
        _receiverB.RejectNext = true;
        await _a.InvokeAsync(() =>
        {
            _netA.Route(RegistrationId, _b.Address, new Payload(Body(1)));
            _netA.Route(RegistrationId, _b.Address, new Payload(Body(2)));
        });
        await both.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Body(2), Assert.Single(_receiverB.Received).Payload.GetBytes().ToArray());
        Assert.Equal(1, _netB.Malformed);
        Assert.Equal(1, _netB.Delivered);
    }

    [Fact]
    public async Task ARouteToAnAddressNotOnTheNetwork_FailsAndRaisesPeerDead()
    {
        var missing = NodeAddress.Simulated(99);
        var routed = true;
        await _a.InvokeAsync(() => routed = _netA.Route(RegistrationId, missing, new Payload(Body(1))));

        Assert.False(routed);
        var (peer, error) = await _receiverA.Errors.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(missing, peer);
        Assert.Equal(TransportError.PeerDead, error);
        Assert.Equal(0, _netA.Sent);
    }

    private static byte[] Body(int i) => [(byte)i, (byte)(i >> 8), 0xAB, (byte)(i * 7)];

    /// <summary>Keeps every delivered payload as it was handed over, with the event that ran it.</summary>
    private sealed class KeepingReceiver(Node node) : IReceiveData, INetworkError
    {
        private int _target = int.MaxValue;
        private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<(NodeAddress Source, Payload Payload, CausalLink Cause, long EventId)> Received { get; } = new();

        public TaskCompletionSource<(NodeAddress, TransportError)> Errors { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Throw <see cref="MaceFormatException"/> for the next delivery, as a demultiplexer does for bytes it cannot decode.</summary>
        public bool RejectNext { get; set; }

        public Task WaitFor(int count)
        {
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _target, count);
            return _reached.Task;
        }

        public void Deliver(NodeAddress src, NodeAddress dest, Payload message)
        {
            if (RejectNext)
            {
                RejectNext = false;
                throw new MaceFormatException("rejected by the test", 0);
            }
            Received.Enqueue((src, message, node.Cause, node.EventId));
            if (Received.Count >= Volatile.Read(ref _target)) _reached.TrySetResult();
        }

        public void Error(NodeAddress peer, TransportError error) => Errors.TrySetResult((peer, error));
    }
}
