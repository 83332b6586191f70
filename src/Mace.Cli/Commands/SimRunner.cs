using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Mace.Simulation.Engine;
using Mace.Simulation.Harness;
using Mace.Simulation.Reporting;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>
/// Runs a simulation for <c>mace sim</c>: slices of virtual time with a progress bar (simulated
/// time, events, events per wall second), then the summary table, the files and the digest. The
/// wall clock is read here, never inside the simulator.
/// </summary>
internal static class SimRunner
{
    private static readonly long s_slice = SimTime.FromMilliseconds(250);

    public static int Execute(SimulationRun run, string outputDirectory, bool noProgress, bool noPlot)
    {
        // Batch GC: no background collections competing with the single simulation thread.
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        run.Initialize();
        if (noProgress || !AnsiConsole.Profile.Capabilities.Interactive) RunQuietly(run, wall);
        else RunWithProgress(run, wall);
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var result = run.Complete();
        var heapBytes = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(run);

        PrintSummary(result, wall.Elapsed, cpu, heapBytes);
        var files = new List<string>();
        try
        {
            files.AddRange(ResultsCsv.Write(result, outputDirectory));
            if (!noPlot) files.AddRange(ResultsPlot.Write(result, outputDirectory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"mace sim: error: cannot write results to '{outputDirectory}': {ex.Message}");
            return 1;
        }
        foreach (var file in files) AnsiConsole.MarkupLineInterpolated($"[grey]wrote[/] {file}");
        Console.WriteLine($"digest: {result.Digest}");
        return 0;
    }

    private static void RunQuietly(SimulationRun run, Stopwatch wall)
    {
        var nextReport = TimeSpan.FromSeconds(10);
        while (!run.IsFinished)
        {
            run.RunUntil(run.Now + s_slice);
            if (wall.Elapsed >= nextReport)
            {
                Console.Error.WriteLine(Status(run, wall));
                nextReport += TimeSpan.FromSeconds(10);
            }
        }
    }

    private static void RunWithProgress(SimulationRun run, Stopwatch wall)
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Status(run, wall), maxValue: SimTime.ToSeconds(run.EndTime));
                while (!run.IsFinished)
                {
                    run.RunUntil(run.Now + s_slice);
                    task.Value = SimTime.ToSeconds(run.Now);
                    task.Description = Status(run, wall);
                }
            });
    }

    private static string Status(SimulationRun run, Stopwatch wall)
    {
        var events = run.Simulator.EventsProcessed;
        var rate = events / Math.Max(wall.Elapsed.TotalSeconds, 1e-3);
        return string.Create(CultureInfo.InvariantCulture,
            $"sim {SimTime.ToSeconds(run.Now),8:0.0} s | {events,13:N0} events | {rate,11:N0} ev/s | {run.LiveHosts.Count:N0} nodes");
    }

    private static void PrintSummary(SimulationResult result, TimeSpan wall, TimeSpan cpu, long heapBytes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"mace sim {result.ScenarioName}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in result.SummaryRows()) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        var speed = result.SimulatedTime.TotalSeconds / Math.Max(wall.TotalSeconds, 1e-9);
        table.AddRow("wall time", string.Create(CultureInfo.InvariantCulture, $"{wall.TotalSeconds:0.00} s ({speed:0.0}x real time)"));
        table.AddRow("events per wall second", (result.Events / Math.Max(wall.TotalSeconds, 1e-9)).ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("process CPU time", string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds:0.00} s ({result.Events / Math.Max(cpu.TotalSeconds, 1e-9):N0} events per CPU second)"));
        var perNode = heapBytes / (double)Math.Max(1, result.LiveNodes);
        table.AddRow("managed heap after run", string.Create(CultureInfo.InvariantCulture, $"{heapBytes / 1048576.0:0.0} MiB ({perNode / 1024:0.0} KiB per live node)"));
        AnsiConsole.Write(table);
    }
}
