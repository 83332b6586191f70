using Mace.Runtime;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Simulation.Tests;

/// <summary>Builders for small runs: nodes start at time zero with a probe on a TCP and a UDP transport.</summary>
internal static class TestRuns
{
    public static SimulationOptions Options(int nodes, double seconds = 60, NetworkOptions? network = null, ulong seed = 1) => new()
    {
        Nodes = nodes,
        Seed = seed,
        Duration = TimeSpan.FromSeconds(seconds),
        StartWindow = TimeSpan.Zero,
        Network = network ?? new NetworkOptions { LimitBandwidth = false },
    };

    /// <summary>A run whose nodes each carry a TCP probe and a UDP probe.</summary>
    public static SimulationRun Probes(SimulationOptions options, ILatencyModel? latency = null)
    {
        var run = new SimulationRun(new LambdaScenario(node =>
        {
            _ = new Probe(node, TcpTransport.Create(node));
            _ = new Probe(node, UdpTransport.Create(node));
        }), options, latency ?? new ConstantLatencyModel(TimeSpan.FromMilliseconds(10)));
        run.Initialize();
        return run;
    }

    public static Probe Tcp(SimHost host) => host.Node!.Services.OfType<Probe>().First(p => p.Net is SimTcpTransport);

    public static Probe Udp(SimHost host) => host.Node!.Services.OfType<Probe>().First(p => p.Net is SimUdpTransport);
}
