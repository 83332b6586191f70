using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Mace.Simulation.Engine;

namespace Mace.Benchmarks.Simulation;

/// <summary>
/// Raw engine throughput: events that each schedule one successor a pseudo-random delay ahead,
/// with <see cref="Pending"/> events outstanding (the queue size of a large run). One operation
/// is one event, so the reported mean is the cost per event; events/s = 1e9 / mean(ns).
/// On a shared machine wall time overstates the cost, so each invocation also adds up the
/// process CPU time it used, and the cleanup prints events per CPU second.
/// </summary>
[Config(typeof(SimulationBenchConfig))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int EventsPerInvoke = 1_000_000;

    [Params(1_000, 100_000)]
    public int Pending { get; set; }

    [Params(false, true)]
    public bool Digest { get; set; }

    private long _events;
    private TimeSpan _cpu;

    [GlobalSetup]
    public void Setup()
    {
        _events = 0;
        _cpu = TimeSpan.Zero;
    }

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// EngineBenchmarks Pending={Pending} Digest={Digest}: {_events:N0} events in {_cpu.TotalSeconds:0.000} s CPU = {_events / Math.Max(_cpu.TotalSeconds, 1e-9):N0} events per CPU second");

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long ScheduleAndRun()
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var events = Run();
        _cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        _events += events;
        return events;
    }

    private long Run()
    {
        var simulator = new Simulator { DigestEnabled = Digest };
        var chain = new Chain(simulator, EventsPerInvoke);
        for (var i = 0; i < Pending; i++) simulator.Schedule(i, chain, null, i, i & 1023, SimEventKind.Other);
        simulator.RunUntilIdle();
        return simulator.EventsProcessed;
    }

    /// <summary>Reschedules itself until its budget is spent; the argument is an LCG state, the delay drawn from it.</summary>
    private sealed class Chain(Simulator simulator, long budget) : ISimEventHandler
    {
        private long _remaining = budget;

        public void OnEvent(object? state, long argument)
        {
            if (--_remaining <= 0) return;
            var next = unchecked((argument * 6364136223846793005L) + 1442695040888963407L);
            var delay = 1 + ((next >>> 33) & 0xFFFF);
            simulator.ScheduleAfter(delay, this, null, next, (int)(delay & 1023), SimEventKind.Other);
        }
    }
}
