using Mace.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Network;

namespace Mace.Simulation.Harness;

/// <summary>
/// Schedules application calls for a scenario: a Poisson process (exponential gaps at a rate) or
/// a script of (time, host) pairs. Each call runs as one event on the incarnation live when it
/// comes due. Poisson gaps draw from a stream derived from the run seed and <c>stream</c>.
/// </summary>
public static class Workload
{
    /// <summary>
    /// From <paramref name="start"/> until the run ends, calls <paramref name="call"/> at Poisson
    /// times (<paramref name="ratePerSecond"/> calls per second system-wide), each on a uniformly
    /// chosen live host. Returns nothing; the calls count under <paramref name="counter"/>.
    /// </summary>
    public static void Poisson(SimulationRun run, double ratePerSecond, ulong stream, Action<SimHost, Node> call, TimeSpan start = default, string counter = "workload.calls")
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond)) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "the rate must be a positive finite number");
        var random = new SimRandom(SimRandom.Derive(run.Options.Seed, 100 + stream));
        void Next()
        {
            var gap = (long)(random.NextExponential(ratePerSecond) * SimTime.TicksPerSecond);
            run.At(run.Now + Math.Max(1, gap), () =>
            {
                if (run.RandomLiveHost(random.NextInt) is { } host)
                {
                    run.Metrics.Count(counter, run.Second);
                    run.InvokeAt(run.Now, host, node => call(host, node));
                }
                Next();
            });
        }
        run.At(start.Ticks, Next);
    }

    /// <summary>Calls <paramref name="call"/> on each (time, host id) of <paramref name="script"/>.</summary>
    public static void Scripted(SimulationRun run, IEnumerable<(TimeSpan At, int Host)> script, Action<SimHost, Node> call)
    {
        foreach (var (at, id) in script)
        {
            if (!run.Network.TryGetHost(id, out var host)) throw new ArgumentOutOfRangeException(nameof(script), $"no host {id} in the run");
            run.InvokeAt(at.Ticks, host, node => call(host, node));
        }
    }
}
