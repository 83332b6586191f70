namespace Mace.Benchmarks.Peers;

/// <summary>Creates a started peer of each kind and proves it works before anything is timed.</summary>
public static class PeerFactory
{
    /// <summary>The size of every message body: the 100-byte message.</summary>
    public const int BodySize = 100;

    /// <summary>A started peer of <paramref name="kind"/> that has already streamed, answered and pipelined once.</summary>
    public static IMessagingPeer Create(PeerKind kind)
    {
        var body = new byte[BodySize];
        new Random(7).NextBytes(body);
        IMessagingPeer peer = kind switch
        {
            PeerKind.Mace => new MacePeer(body),
            PeerKind.MaceTls => new MacePeer(body, secured: true),
            PeerKind.PlainSocket => new PlainSocketPeer(body),
            PeerKind.NetMQ => new NetMqPeer(body),
            PeerKind.AkkaRemote => new AkkaRemotePeer(body),
            PeerKind.ProtoRemote => new ProtoRemotePeer(body),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such peer"),
        };
        WarmUp(peer);
        return peer;
    }

    /// <summary>Every job once, with a deadline, so a peer that cannot do the work fails setup instead of hanging a benchmark.</summary>
    private static void WarmUp(IMessagingPeer peer)
    {
        var work = Task.Run(async () =>
        {
            await peer.StreamAsync(1000);
            for (var i = 0; i < 100; i++) await peer.RequestAsync();
            await peer.PipelineAsync(1000, 64);
        });
        if (!work.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"{peer.Name} did not finish its warm-up within 60 s");
    }
}
