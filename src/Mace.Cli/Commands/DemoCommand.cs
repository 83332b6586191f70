using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Services;
using Mace.Experiments;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace demo</c>: the README's main job, one service library on the three back ends. First the
/// DESIGN.md Ping service on real TCP sockets (a reply, then a failure once the peer stops); then a
/// small version of the paper's churn experiment in the simulator (Bamboo DHT lookups under churn);
/// then failure detectors under UDP loss in the simulator; then the model checker finding the
/// split brain of a failover built on a <c>detect</c> block.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes", "-n") { Description = "Simulated nodes in the churn experiment (groups of 10).", DefaultValueFactory = _ => 300 };
        var seconds = new Option<double>("--seconds") { Description = "Simulated seconds measured per churn rate.", DefaultValueFactory = _ => 120 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "The simulation seed (same seed, same table).", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run Ping over real TCP on 127.0.0.1, a small Bamboo churn experiment and a failure-detector comparison in the simulator, and the model checker on a failover service.") { nodes, seconds, seed };
        command.SetAction(async (result, cancellationToken) =>
        {
            var nodeCount = result.GetValue(nodes);
            var measured = result.GetValue(seconds);
            if (nodeCount < 10 || !(measured > 0))
            {
                Console.Error.WriteLine("mace demo: error: --nodes must be at least 10 and --seconds positive");
                return 2;
            }
            Console.WriteLine("== 1/4  Ping.mace on real TCP sockets (127.0.0.1)");
            var pingStatus = await RunRealPingAsync(cancellationToken);
            if (pingStatus != 0) return pingStatus;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== 2/4  Bamboo DHT lookups under churn, simulated: {nodeCount} nodes, {measured} s per rate, seed {result.GetValue(seed)}"));
            var churnStatus = RunChurn(nodeCount, measured, result.GetValue(seed));
            if (churnStatus != 0) return churnStatus;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== 3/4  Failure detectors at 10% UDP loss, simulated: {DetectorStudy.Nodes} nodes watching {DetectorStudy.PeersPerNode} peers each, a crash a minute, 10 minutes"));
            RunDetectors(result.GetValue(seed));
            Console.WriteLine();
            Console.WriteLine("== 4/4  The model checker on Failover.mace (a backup takes over when its detect block suspects the leader)");
            return RunFailoverCheck();
        });
        return command;
    }

    private static async Task<int> RunRealPingAsync(CancellationToken cancellationToken)
    {
        using var envA = new RealNodeEnvironment(new RealNodeOptions { Seed = 1 });
        using var envB = new RealNodeEnvironment(new RealNodeOptions { Seed = 2 });
        var nodeA = new Node(envA);
        var nodeB = new Node(envB);
        var pingA = new Ping(nodeA);
        _ = new Ping(nodeB);
        var watcher = new PingWatcher();
        pingA.RegisterPingStatus(0, watcher);
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        Console.WriteLine($"   node A listening on {nodeA.Address}, node B on {nodeB.Address}");

        var clock = Stopwatch.StartNew();
        var peer = nodeB.Address;
        nodeA.Post(() => pingA.Monitor(peer));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            var rtt = await watcher.Responded.Task.WaitAsync(timeout.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   A -> B: PeerResponded, rtt {rtt.TotalMilliseconds:F3} ms"));
            Console.WriteLine("   stopping node B (MaceExit closes its sockets) ...");
            var stoppedAt = clock.Elapsed;
            await nodeB.StopAsync();
            var failed = await watcher.Failed.Task.WaitAsync(timeout.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   A: PeerFailed({failed}) {(clock.Elapsed - stoppedAt).TotalMilliseconds:F0} ms after B stopped"));
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("mace demo: error: no Ping upcall within 20 s (is 127.0.0.1 usable?)");
            return 1;
        }
        finally
        {
            await nodeA.StopAsync();
        }
        return 0;
    }

    private static int RunChurn(int nodes, double seconds, ulong seed)
    {
        var points = new List<BambooChurnPoint>();
        foreach (var rate in new[] { 0.0, 4.0 })
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   simulating churn at {rate} deaths/s ..."));
            var wall = Stopwatch.StartNew();
            points.Add(BambooChurnSweep.RunPoint(OverlayKind.Bamboo, rate, nodes, TimeSpan.FromSeconds(seconds), seed) with { WallSeconds = wall.Elapsed.TotalSeconds });
        }
        Console.Write(BambooChurnSweep.Table(points));
        Console.WriteLine("   (the full experiment: mace experiment bamboo-churn; see docs/experiments/bamboo-churn.md)");
        return 0;
    }

    private static void RunDetectors(ulong seed)
    {
        var points = new[]
        {
            DetectorStudy.RunPoint(DetectorKind.Probe, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 0, 0.1, TimeSpan.FromMinutes(10), seed),
            DetectorStudy.RunPoint(DetectorKind.Probe, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), 0, 0.1, TimeSpan.FromMinutes(10), seed),
            DetectorStudy.RunPoint(DetectorKind.Phi, TimeSpan.FromSeconds(1), TimeSpan.Zero, 8, 0.1, TimeSpan.FromMinutes(10), seed),
        };
        Console.Write(DetectorStudy.Table(points));
        Console.WriteLine("   (the full study: mace experiment failure-detection; see docs/experiments/failure-detection.md)");
    }

    private static int RunFailoverCheck()
    {
        foreach (var test in new Checking.CheckTest[] { Mace.CheckingServices.SampleCheckTests.FailoverKeepEpoch, Mace.CheckingServices.SampleCheckTests.FailoverFixed })
        {
            var result = Checking.ModelChecker.Check(test, test.Defaults);
            if (result.Violation is { } violation)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {test.Name}: '{violation.Property}' violated after {violation.Steps} steps ({result.Stats.Generated:N0} states generated):"));
                foreach (var step in result.Trace?.Steps ?? [])
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     step {step.Step}: {step.Event}{(step.Changes.Count == 0 ? string.Empty : "   " + string.Join(", ", step.Changes.Where(c => c.StartsWith('+')).Select(c => c[1..].Trim())))}"));
                }
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {test.Name}: passed ({result.Stats.Generated:N0} states generated, {result.Stats.Unique:N0} unique)"));
            }
        }
        Console.WriteLine("   (mace check --list shows every sample; mace check NAME writes a counterexample to replay)");
        return 0;
    }

    private sealed class PingWatcher : IPingStatus
    {
        public TaskCompletionSource<TimeSpan> Responded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<NodeAddress> Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void PeerResponded(NodeAddress peer, TimeSpan rtt) => Responded.TrySetResult(rtt);

        public void PeerFailed(NodeAddress peer) => Failed.TrySetResult(peer);
    }
}
