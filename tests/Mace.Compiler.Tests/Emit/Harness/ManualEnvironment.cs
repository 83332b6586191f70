using Mace.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mace.Compiler.Tests.Emit.Harness;

/// <summary>A node environment on a <see cref="ManualScheduler"/>: virtual time, seeded randomness, a loopback network.</summary>
internal sealed class ManualEnvironment(ManualScheduler scheduler, LoopbackNetwork network, int seed) : INodeEnvironment
{
    private readonly Random _random = new(seed);

    public DateTime Now => scheduler.Now;

    public ILogger Logger => NullLogger.Instance;

    public int RandInt(int maxExclusive) => _random.Next(maxExclusive);

    public double RandDouble() => _random.NextDouble();

    public void Post(Action work) => scheduler.Enqueue(TimeSpan.Zero, work);

    public ITimerHandle SetTimer(TimeSpan delay, Action work)
    {
        var handle = new Handle();
        scheduler.Enqueue(delay, () =>
        {
            if (!handle.Cancelled) work();
        });
        return handle;
    }

    public ITransport CreateTransport(Node node, TransportKind kind) => network.Attach(node);

    public void OnEventFailed(Exception exception) => throw new InvalidOperationException("event failed", exception);

    private sealed class Handle : ITimerHandle
    {
        public bool Cancelled { get; private set; }

        public void Cancel() => Cancelled = true;
    }
}
