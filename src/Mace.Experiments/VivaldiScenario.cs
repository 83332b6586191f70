using Mace.Runtime;
using Mace.Services;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;

namespace Mace.Experiments;

/// <summary>
/// Every node runs <see cref="Vivaldi"/> (2-D + height) with <see cref="NeighborsPerNode"/> random
/// neighbours and probes one of them per second. Once a second the scenario measures accuracy the
/// way the Vivaldi paper does: for a sample of node pairs, relative error =
/// |predicted RTT - true RTT| / true RTT, true RTT being twice the latency model's one-way delay.
/// Metrics: the median relative error over time (per-mille, the timeline), the final error CDF,
/// and the second from which the median stays within 10% of its final value (convergence).
/// </summary>
public sealed class VivaldiScenario : Scenario
{
    /// <summary>Per-second median relative error, in per-mille (the timeline series).</summary>
    public const string MedianErrorSeries = "vivaldi.median-error-permille";

    /// <summary>Distribution of the relative error (percent) over the pairs sampled at the end.</summary>
    public const string ErrorDistribution = "vivaldi.relative-error";

    /// <summary>Counter of coordinate updates (one per reply).</summary>
    public const string UpdatesCounter = "vivaldi.updates";

    private readonly List<(long Second, double Median)> _medians = [];
    private SimRandom? _pairs;

    /// <summary>Neighbours each node probes (the paper's 32).</summary>
    public int NeighborsPerNode { get; init; } = 32;

    /// <summary>Node pairs sampled per node at each measurement.</summary>
    public int PairsPerNode { get; init; } = 16;

    /// <inheritdoc/>
    public override string Name => "vivaldi";

    /// <inheritdoc/>
    public override string Description => "Vivaldi network coordinates (2-D + height, adaptive timestep, 32 neighbours, 1 probe/s): median relative error over time, error CDF, convergence";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TimelineCounters => [MedianErrorSeries];

    /// <summary>The median relative error at each measured second, in order (tests read it).</summary>
    public IReadOnlyList<(long Second, double Median)> Medians => _medians;

    /// <inheritdoc/>
    public override void BuildStack(Node node)
    {
        var vivaldi = Vivaldi.Create(node);
        _ = new VivaldiApplication(node, vivaldi, this);
    }

    /// <inheritdoc/>
    public override void Setup(SimulationRun run)
    {
        // The pair sample has its own stream, so measuring never changes what the nodes draw.
        _pairs = new SimRandom(SimRandom.Derive(run.Options.Seed, 0x5649_5641_4C44));
        _medians.Clear();
        CurrentRun = run;
        run.At(SimTime.TicksPerSecond, () => Measure(run));
    }

    /// <inheritdoc/>
    public override void OnNodeStarted(SimulationRun run, SimHost host, NodeStart start, SimHost? bootstrap)
    {
        var initialNodes = run.Options.Nodes;
        var at = start == NodeStart.Initial ? Math.Max(run.Now, run.Options.StartWindow.Ticks) : run.Now;
        run.InvokeAt(at, host, node =>
        {
            var vivaldi = node.Find<Vivaldi>()!;
            var random = node.Environment;
            var live = start == NodeStart.Initial ? initialNodes : run.LiveHosts.Count;
            var wanted = Math.Min(NeighborsPerNode, live - 1);
            for (var tries = 0; vivaldi.Neighbors.Count < wanted && tries < 4 * NeighborsPerNode; tries++)
            {
                var peer = start == NodeStart.Initial
                    ? random.RandInt(initialNodes)
                    : run.RandomLiveHost(random.RandInt, host.Id)?.Id ?? host.Id;
                if (peer != host.Id) vivaldi.AddNeighbor(NodeAddress.Simulated(peer));
            }
        });
    }

    /// <inheritdoc/>
    public override void Finish(SimulationRun run)
    {
        var errors = SampleErrors(run);
        var distribution = run.Metrics.Distribution(ErrorDistribution, "%");
        foreach (var error in errors) distribution.Add(error * 100);
        if (_medians.Count == 0) return;
        var final = _medians[^1].Median;
        run.Metrics.Set("vivaldi.median-error-final-permille", (long)Math.Round(final * 1000));
        // Converged: the first second after which the median never again exceeds 1.1x the final one.
        var converged = _medians[^1].Second;
        for (var i = _medians.Count - 1; i >= 0 && _medians[i].Median <= final * 1.1; i--) converged = _medians[i].Second;
        run.Metrics.Set("vivaldi.converged-at-s", converged);
    }

    internal SimulationRun? CurrentRun { get; private set; }

    internal void OnMoved(SimulationRun run) => run.Metrics.Count(UpdatesCounter, run.Second);

    private void Measure(SimulationRun run)
    {
        var errors = SampleErrors(run);
        if (errors.Count > 0)
        {
            errors.Sort();
            var median = errors[errors.Count / 2];
            _medians.Add((run.Second, median));
            run.Metrics.Gauge(MedianErrorSeries, run.Second, (long)Math.Round(median * 1000));
        }
        var next = run.Now + SimTime.TicksPerSecond;
        if (next < run.EndTime) run.At(next, () => Measure(run));
    }

    /// <summary>The relative error of <see cref="PairsPerNode"/> random pairs per live node that has moved at least once.</summary>
    private List<double> SampleErrors(SimulationRun run)
    {
        var random = _pairs ?? throw new InvalidOperationException("the scenario has not been set up");
        var live = run.LiveHosts;
        var errors = new List<double>(live.Count * PairsPerNode);
        if (live.Count < 2) return errors;
        foreach (var host in live)
        {
            if (host.Node?.Find<Vivaldi>() is not { Samples: > 0 } from) continue;
            for (var k = 0; k < PairsPerNode; k++)
            {
                var other = live[random.NextInt(live.Count)];
                if (other.Id == host.Id || other.Node?.Find<Vivaldi>() is not { Samples: > 0 } to) continue;
                var actual = 2.0 * run.Network.OneWayTicks(host, other) / SimTime.TicksPerMillisecond;
                if (actual <= 0) continue;
                var predicted = Math.Sqrt(((from.X - to.X) * (from.X - to.X)) + ((from.Y - to.Y) * (from.Y - to.Y))) + from.Height + to.Height;
                errors.Add(Math.Abs(predicted - actual) / actual);
            }
        }
        return errors;
    }
}

/// <summary>The application above <see cref="Vivaldi"/> in the vivaldi scenario: counts coordinate updates.</summary>
public sealed class VivaldiApplication : ApplicationBase, ICoordinateStatus
{
    private static readonly int s_registrationId = RegistrationId.For("VivaldiApplication", "Vivaldi");
    private readonly VivaldiScenario _scenario;

    /// <summary>Builds the application above <paramref name="vivaldi"/> on <paramref name="node"/>.</summary>
    public VivaldiApplication(Node node, Vivaldi vivaldi, VivaldiScenario scenario)
        : base(node)
    {
        _scenario = scenario;
        vivaldi.RegisterCoordinateStatus(s_registrationId, this);
    }

    /// <inheritdoc/>
    public void CoordinateMoved(double x, double y, double height, double error)
    {
        if (_scenario.CurrentRun is { } run) _scenario.OnMoved(run);
    }
}
