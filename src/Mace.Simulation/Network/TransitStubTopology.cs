using Mace.Simulation.Engine;

namespace Mace.Simulation.Network;

/// <summary>
/// A generated transit-stub router graph with clients on stub routers. Shortest-path delays
/// between every pair of stub routers are computed once (Dijkstra from each stub router); a
/// client-to-client delay is access + path + access. Generation draws only from the random
/// stream it is given, so a seed names one topology.
/// </summary>
public sealed class TransitStubTopology : ILatencyModel
{
    private readonly TransitStubOptions _options;
    private readonly int _transitRouters;
    private readonly int _stubRouters;
    private readonly long[] _stubDistances;
    private readonly List<int> _clientRouter = [];
    private readonly List<long> _clientAccess = [];

    /// <summary>Generates a topology shaped by <paramref name="options"/> from <paramref name="random"/>.</summary>
    public TransitStubTopology(TransitStubOptions options, SimRandom random)
    {
        options.Validate();
        _options = options;
        _transitRouters = options.TransitDomains * options.RoutersPerTransitDomain;
        _stubRouters = _transitRouters * options.StubDomainsPerTransitRouter * options.RoutersPerStubDomain;
        var graph = Build(random);
        _stubDistances = ShortestPaths(graph);
    }

    /// <inheritdoc/>
    public string Description =>
        $"transit-stub: {_options.TransitDomains} transit domains x {_options.RoutersPerTransitDomain} routers, " +
        $"{_options.StubDomainsPerTransitRouter} stub domains/transit router x {_options.RoutersPerStubDomain} routers ({RouterCount} routers)";

    /// <summary>Routers in the graph (transit and stub).</summary>
    public int RouterCount => _transitRouters + _stubRouters;

    /// <summary>Stub routers, to which clients attach.</summary>
    public int StubRouterCount => _stubRouters;

    /// <summary>Clients placed so far.</summary>
    public int ClientCount => _clientRouter.Count;

    /// <inheritdoc/>
    public int Place(int hostId, SimRandom random)
    {
        _clientRouter.Add(random.NextInt(_stubRouters));
        _clientAccess.Add(Ticks(random, _options.AccessMs));
        return _clientRouter.Count - 1;
    }

    /// <inheritdoc/>
    public long OneWayTicks(int fromLocation, int toLocation)
    {
        if (fromLocation == toLocation) return 0;
        var path = _stubDistances[(_clientRouter[fromLocation] * _stubRouters) + _clientRouter[toLocation]];
        return _clientAccess[fromLocation] + path + _clientAccess[toLocation];
    }

    /// <summary>The shortest-path delay in ticks between two stub routers.</summary>
    public long StubRouterDistance(int from, int to) => _stubDistances[(from * _stubRouters) + to];

    private List<(int To, long Ticks)>[] Build(SimRandom random)
    {
        var o = _options;
        var graph = new List<(int, long)>[RouterCount];
        for (var i = 0; i < graph.Length; i++) graph[i] = [];
        var perTransit = o.RoutersPerTransitDomain;
        for (var d = 0; d < o.TransitDomains; d++) ConnectDomain(graph, random, d * perTransit, perTransit, o.IntraTransitMs);
        for (var a = 0; a < o.TransitDomains; a++)
        {
            for (var b = a + 1; b < o.TransitDomains; b++)
            {
                var from = (a * perTransit) + random.NextInt(perTransit);
                var to = (b * perTransit) + random.NextInt(perTransit);
                Link(graph, from, to, Ticks(random, o.InterTransitMs));
            }
        }
        var next = _transitRouters;
        for (var t = 0; t < _transitRouters; t++)
        {
            for (var s = 0; s < o.StubDomainsPerTransitRouter; s++)
            {
                ConnectDomain(graph, random, next, o.RoutersPerStubDomain, o.IntraStubMs);
                Link(graph, t, next + random.NextInt(o.RoutersPerStubDomain), Ticks(random, o.StubToTransitMs));
                next += o.RoutersPerStubDomain;
            }
        }
        return graph;
    }

    private void ConnectDomain(List<(int, long)>[] graph, SimRandom random, int first, int count, (double Min, double Max) range)
    {
        for (var i = 1; i < count; i++) Link(graph, first + i - 1, first + i, Ticks(random, range));
        if (count > 2) Link(graph, first + count - 1, first, Ticks(random, range));
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 2; j < count; j++)
            {
                if (random.NextDouble() < _options.ExtraEdgeProbability) Link(graph, first + i, first + j, Ticks(random, range));
            }
        }
    }

    private static void Link(List<(int, long)>[] graph, int a, int b, long ticks)
    {
        graph[a].Add((b, ticks));
        graph[b].Add((a, ticks));
    }

    private static long Ticks(SimRandom random, (double Min, double Max) range) =>
        SimTime.FromMilliseconds(random.NextDouble(range.Min, range.Max));

    private long[] ShortestPaths(List<(int To, long Ticks)>[] graph)
    {
        var result = new long[_stubRouters * _stubRouters];
        var distance = new long[graph.Length];
        var queue = new PriorityQueue<int, long>();
        for (var s = 0; s < _stubRouters; s++)
        {
            Array.Fill(distance, long.MaxValue);
            var source = _transitRouters + s;
            distance[source] = 0;
            queue.Enqueue(source, 0);
            while (queue.TryDequeue(out var router, out var d))
            {
                if (d > distance[router]) continue;
                foreach (var (to, ticks) in graph[router])
                {
                    var candidate = d + ticks;
                    if (candidate >= distance[to]) continue;
                    distance[to] = candidate;
                    queue.Enqueue(to, candidate);
                }
            }
            Array.Copy(distance, _transitRouters, result, s * _stubRouters, _stubRouters);
        }
        return result;
    }
}
