using Mace.Runtime.Hosting;
using Mace.Runtime.Tests.Transports.Security;

namespace Mace.Runtime.Tests.Transports;

/// <summary>
/// Frames an event routes are staged per connection and handed to the sockets when the event ends:
/// they still leave in order per peer when the event alternates peers, and also when it fails after
/// routing them.
/// </summary>
public sealed class StagedSendTests
{
    [Fact]
    public async Task AnEventThatAlternatesPeersAndThenFails_StillSendsEveryFrame_InOrderPerPeer()
    {
        const int perPeer = 300;
        await using var sender = await StartAsync(1);
        await using var first = await StartAsync(2);
        await using var second = await StartAsync(3);

        // Posted, not invoked: the node itself sees the event fail (and logs it).
        sender.Node.Post(() =>
        {
            for (var i = 0; i < perPeer; i++)
            {
                sender.Recorder.Send(first.Address, "a" + i);
                sender.Recorder.Send(second.Address, "b" + i);
            }
            throw new InvalidOperationException("the event fails after routing");
        });

        for (var i = 0; i < perPeer; i++)
        {
            Assert.Equal((sender.Address, "a" + i), await first.NextAsync());
            Assert.Equal((sender.Address, "b" + i), await second.NextAsync());
        }
        Assert.Equal(0, sender.Statistics.SendDropped);
        Assert.Equal(1, await sender.Node.InvokeAsync(() => sender.Node.FailedEvents));
    }

    [Fact]
    public async Task FramesBeyondTheQueueBound_WithinOneEvent_AreRefusedWithQueueFull()
    {
        // Nothing listens at the target, so nothing leaves: the bound counts the staged frames.
        await using var sender = await StartAsync(1, sendQueueCapacity: 10);
        using var unused = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        unused.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var target = NodeAddress.FromEndPoint((System.Net.IPEndPoint)unused.LocalEndPoint!);

        var accepted = await sender.Node.InvokeAsync(() => Enumerable.Range(0, 15).Count(i => sender.Recorder.Send(target, "x" + i)));

        Assert.Equal(10, accepted);
        Assert.Equal(5, sender.Statistics.QueueFullDropped);
    }

    private static Task<RecorderNode> StartAsync(int seed, int sendQueueCapacity = 10_000) =>
        RecorderNode.StartAsync(new RealNodeOptions { Seed = seed, SendQueueCapacity = sendQueueCapacity });
}
