namespace Mace.Simulation.Network;

/// <summary>
/// The shape of a generated transit-stub topology (after Zegura et al.'s GT-ITM model): transit
/// domains joined by long links, stub domains hanging off transit routers, clients attached to
/// stub routers by an access link. Latency ranges are one-way, in milliseconds, drawn uniformly
/// per link. The defaults give a median client-to-client RTT of about 100 ms.
/// </summary>
public sealed record TransitStubOptions
{
    /// <summary>Number of transit domains.</summary>
    public int TransitDomains { get; init; } = 4;

    /// <summary>Routers in each transit domain.</summary>
    public int RoutersPerTransitDomain { get; init; } = 8;

    /// <summary>Stub domains attached to each transit router.</summary>
    public int StubDomainsPerTransitRouter { get; init; } = 3;

    /// <summary>Routers in each stub domain.</summary>
    public int RoutersPerStubDomain { get; init; } = 5;

    /// <summary>Probability of an extra link between two routers of one domain (beyond the ring).</summary>
    public double ExtraEdgeProbability { get; init; } = 0.25;

    /// <summary>Links between transit domains (transit-transit, different domains).</summary>
    public (double Min, double Max) InterTransitMs { get; init; } = (10, 40);

    /// <summary>Links inside a transit domain.</summary>
    public (double Min, double Max) IntraTransitMs { get; init; } = (3, 12);

    /// <summary>The link from a stub domain to its transit router.</summary>
    public (double Min, double Max) StubToTransitMs { get; init; } = (3, 10);

    /// <summary>Links inside a stub domain.</summary>
    public (double Min, double Max) IntraStubMs { get; init; } = (1, 4);

    /// <summary>A client's access link to its stub router.</summary>
    public (double Min, double Max) AccessMs { get; init; } = (1, 5);

    /// <summary>Checks the options, throwing <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (TransitDomains < 1) throw new ArgumentException("TransitDomains must be at least 1");
        if (RoutersPerTransitDomain < 1) throw new ArgumentException("RoutersPerTransitDomain must be at least 1");
        if (StubDomainsPerTransitRouter < 1) throw new ArgumentException("StubDomainsPerTransitRouter must be at least 1");
        if (RoutersPerStubDomain < 1) throw new ArgumentException("RoutersPerStubDomain must be at least 1");
        foreach (var (name, range) in new[] { ("InterTransitMs", InterTransitMs), ("IntraTransitMs", IntraTransitMs), ("StubToTransitMs", StubToTransitMs), ("IntraStubMs", IntraStubMs), ("AccessMs", AccessMs) })
        {
            if (range.Min < 0 || range.Max < range.Min) throw new ArgumentException($"{name} must be a range 0 <= min <= max");
        }
    }
}
