using BenchmarkDotNet.Attributes;

namespace Mace.Benchmarks.Peers;

/// <summary>One started peer per parameter value, the same for the three messaging comparisons.</summary>
public abstract class PeerBenchmarkBase
{
    /// <summary>The messaging stack under test.</summary>
    [ParamsAllValues]
    public PeerKind Peer { get; set; }

    protected IMessagingPeer Messaging { get; private set; } = null!;

    [GlobalSetup]
    public void Setup() => Messaging = PeerFactory.Create(Peer);

    [GlobalCleanup]
    public void Cleanup() => Messaging.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
