using System.CommandLine;
using System.Globalization;
using Mace.Simulation.Harness;
using Mace.Simulation.Network;
using Mace.Experiments;
using Mace.Runtime.Tracing;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace sim SCENARIO [--assembly USER.dll] [--nodes N] [--seed S] [--duration T] [--churn L] [--topology ...] [--out DIR]</c>:
/// runs a scenario in the discrete-event simulator with a progress bar, then prints a summary
/// table and the run digest and writes CSV and PNG results. Exit 0 on success, 2 on bad arguments.
/// </summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var scenarios = string.Join(", ", ScenarioCatalog.All.Select(s => s.Name));
        var scenario = new Argument<string>("scenario") { Description = $"The scenario to run: {scenarios}, or one declared by an --assembly." };
        var assemblies = new Option<FileInfo[]>("--assembly", "-a") { Description = "An assembly (your build output) whose public Scenario subclasses with a parameterless constructor become runnable by name; repeatable.", AllowMultipleArgumentsPerToken = false };
        var nodes = new Option<int>("--nodes", "-n") { Description = "Nodes started at the beginning.", DefaultValueFactory = _ => 100 };
        var seed = new Option<string>("--seed", "-s") { Description = "The run seed (0 to 2^64-1); the same seed gives the same run, bit for bit.", DefaultValueFactory = _ => "1" };
        var duration = new Option<string>("--duration", "-d") { Description = $"Simulated time to run: {SimDuration.Forms}.", DefaultValueFactory = _ => "60s" };
        var churn = new Option<double>("--churn") { Description = "Poisson churn: deaths per second (lambda); each dead node is replaced by a fresh one joining through node 0.", DefaultValueFactory = _ => 0 };
        var churnWindow = new Option<string?>("--churn-window") { Description = "When churn runs, START-END (like 60s-4m): none before START, none from END on (default: the whole run)." };
        var topology = new Option<string>("--topology", "-t") { Description = $"Latency model: {TopologyFactory.Forms} (King format: N lines of N RTTs in microseconds, see docs/simulator.md).", DefaultValueFactory = _ => "transit-stub" };
        var output = new Option<string>("--out", "-o") { Description = "Directory for summary.csv, distributions.csv, nodes.csv, timeline.csv and the PNG plots.", DefaultValueFactory = _ => "sim-out" };
        var faults = new Option<string[]>("--fault") { Description = $"A scripted fault, repeatable: {SimFaultParser.Forms}.", AllowMultipleArgumentsPerToken = false };
        var bandwidth = new Option<string>("--bandwidth") { Description = "Per-node uplink rate range in Mbps, MIN-MAX, or 'unlimited'.", DefaultValueFactory = _ => "2-8" };
        var downlink = new Option<string>("--downlink") { Description = "Per-node downlink rate range in Mbps, MIN-MAX, or 'unlimited' (the default: only uplinks limit).", DefaultValueFactory = _ => "unlimited" };
        var udpLoss = new Option<double>("--udp-loss") { Description = "Probability that a UDP datagram is lost, in [0, 1) (TCP stays reliable).", DefaultValueFactory = _ => 0 };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not draw the progress bar (for logs and scripts)." };
        var noPlot = new Option<bool>("--no-plot") { Description = "Do not write PNG plots." };
        var traceLog = new Option<FileInfo?>("--trace-log") { Description = "Write every node's trace records to this trace log (read it with `mace log`)." };
        var traceLevel = new Option<TraceLevel?>("--trace-level") { Description = "Trace every service at this level (Off, Manual, Low, Med, High) instead of the level its .mace file declares." };

        var command = new Command("sim", "Run a scenario in the deterministic discrete-event simulator (virtual time, simulated network, faults).")
        {
            scenario, assemblies, nodes, seed, duration, churn, churnWindow, topology, output, faults, bandwidth, downlink, udpLoss, noProgress, noPlot, traceLog, traceLevel,
        };
        command.SetAction(result =>
        {
            var settings = new SimSettings(
                result.GetValue(scenario)!, result.GetValue(nodes), result.GetValue(seed)!, result.GetValue(duration)!,
                result.GetValue(churn), result.GetValue(topology)!, result.GetValue(output)!, result.GetValue(faults) ?? [],
                result.GetValue(bandwidth)!, result.GetValue(udpLoss), result.GetValue(noProgress), result.GetValue(noPlot),
                result.GetValue(assemblies) ?? [], result.GetValue(traceLog), result.GetValue(traceLevel), result.GetValue(churnWindow))
            {
                Downlink = result.GetValue(downlink)!,
            };
            return Run(settings);
        });
        return command;
    }

    private static int Run(SimSettings settings)
    {
        if (!TryBuild(settings, out var scenario, out var options, out var error))
        {
            Console.Error.WriteLine($"mace sim: error: {error}");
            return 2;
        }
        TraceLogWriter? log = null;
        if (settings.TraceLog is { } traceFile)
        {
            try
            {
                log = TraceLogWriter.Create(traceFile.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mace sim: error: --trace-log: cannot create '{traceFile.FullName}': {ex.Message}");
                return 2;
            }
        }
        using (log)
        {
            SimulationRun run;
            try
            {
                run = new SimulationRun(scenario!, options! with { TraceSink = log, TraceLevel = settings.TraceLevel });
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mace sim: error: {ex.Message}");
                return 2;
            }
            var exit = SimRunner.Execute(run, settings.Output, settings.NoProgress, settings.NoPlot);
            if (log is not null)
            {
                log.Flush();
                Console.WriteLine($"trace log: {settings.TraceLog!.FullName} ({log.Records:N0} records; read it with: mace log show {CheckCatalog.ShellWord(settings.TraceLog.FullName)})");
            }
            return exit;
        }
    }

    private static bool TryBuild(SimSettings s, out Scenario? scenario, out SimulationOptions? options, out string error)
    {
        options = null;
        scenario = null;
        IReadOnlyList<Scenario> user;
        try
        {
            user = UserScenarios.Load(s.Assemblies);
        }
        catch (UserAssemblyException ex)
        {
            error = "--assembly: " + ex.Message;
            return false;
        }
        scenario = ScenarioCatalog.Create(s.Scenario) ?? user.FirstOrDefault(u => string.Equals(u.Name, s.Scenario, StringComparison.Ordinal));
        error = "";
        if (scenario is null)
        {
            error = $"unknown scenario '{s.Scenario}' (available: {string.Join(", ", ScenarioCatalog.All.Select(e => e.Name).Concat(user.Select(u => u.Name)))})";
            return false;
        }
        if (s.Nodes < 1)
        {
            error = $"--nodes must be at least 1, not {s.Nodes}";
            return false;
        }
        if (!ulong.TryParse(s.Seed, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            error = $"--seed must be an integer from 0 to {ulong.MaxValue}, not '{s.Seed}'";
            return false;
        }
        if (!SimDuration.TryParse(s.Duration, out var duration))
        {
            error = $"--duration '{s.Duration}' is not a duration ({SimDuration.Forms})";
            return false;
        }
        if (double.IsNaN(s.Churn) || double.IsInfinity(s.Churn) || s.Churn < 0)
        {
            error = $"--churn must be a rate >= 0 deaths per second, not {s.Churn.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }
        var churnOptions = new ChurnOptions { Rate = s.Churn };
        if (s.ChurnWindow is { } window)
        {
            var parts = window.Split('-');
            if (parts.Length != 2 || !SimDuration.TryParse(parts[0], out var from) || !SimDuration.TryParse(parts[1], out var to) || from >= to)
            {
                error = $"--churn-window must be START-END with START before END (like 60s-4m), not '{window}'";
                return false;
            }
            churnOptions = churnOptions with { Start = from, End = to };
        }
        var network = new NetworkOptions();
        if (!TryParseRate(s.Bandwidth, out var uplink))
        {
            error = $"--bandwidth must be MIN-MAX in Mbps with 0 < MIN <= MAX (like 2-8) or 'unlimited', not '{s.Bandwidth}'";
            return false;
        }
        network = uplink is { } up ? network with { MinBandwidthMbps = up.Min, MaxBandwidthMbps = up.Max } : network with { LimitBandwidth = false };
        if (!TryParseRate(s.Downlink, out var down))
        {
            error = $"--downlink must be MIN-MAX in Mbps with 0 < MIN <= MAX (like 10-50) or 'unlimited', not '{s.Downlink}'";
            return false;
        }
        if (down is { } d) network = network with { LimitDownlink = true, MinDownlinkMbps = d.Min, MaxDownlinkMbps = d.Max };
        if (!(s.UdpLoss >= 0 && s.UdpLoss < 1))
        {
            error = $"--udp-loss must be a probability in [0, 1), not {s.UdpLoss.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }
        network = network with { UdpLoss = s.UdpLoss };
        var faults = new List<ScriptedFault>();
        foreach (var text in s.Faults)
        {
            if (!SimFaultParser.TryParse(text, s.Nodes, out var fault, out error))
            {
                error = $"--fault: {error}";
                return false;
            }
            faults.Add(fault!);
        }
        options = new SimulationOptions
        {
            Nodes = s.Nodes,
            Seed = seed,
            Duration = duration,
            Churn = churnOptions,
            Topology = s.Topology,
            Network = network,
            Faults = faults,
        };
        return true;
    }

    /// <summary>Parses MIN-MAX (Mbps) or <c>unlimited</c> (null range).</summary>
    internal static bool TryParseRate(string text, out (double Min, double Max)? range)
    {
        range = null;
        if (text == "unlimited") return true;
        var dash = text.IndexOf('-');
        if (dash < 0
            || !double.TryParse(text[..dash], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            || !double.TryParse(text[(dash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            || !(min > 0) || !(max >= min) || double.IsInfinity(max))
        {
            return false;
        }
        range = (min, max);
        return true;
    }
}
