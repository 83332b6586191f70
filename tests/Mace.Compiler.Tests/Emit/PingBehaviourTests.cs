using System.Reflection;
using Mace.Compiler.Tests.Emit.Harness;
using Mace.Runtime;

namespace Mace.Compiler.Tests.Emit;

/// <summary>The generated Ping, compiled in memory, runs on two nodes: a ping is answered, then a silent peer is reported.</summary>
public sealed class PingBehaviourTests
{
    private const string Recorder = """
        namespace Mace.Generated;

        public sealed class StatusRecorder : IPingStatus
        {
            public global::System.Collections.Generic.List<string> Events { get; } = new();

            public void PeerResponded(global::Mace.Runtime.NodeAddress peer, global::System.TimeSpan rtt) => Events.Add("responded " + peer);

            public void PeerFailed(global::Mace.Runtime.NodeAddress peer) => Events.Add("failed " + peer);
        }
        """;

    [Fact]
    public void TwoNodes_PingAnswered_ThenSilentPeerReportedOnce()
    {
        var assembly = CompilePing();
        var pingType = assembly.GetType("Mace.Generated.Ping")!;
        var recorder = assembly.GetType("Mace.Generated.StatusRecorder")!;
        var scheduler = new ManualScheduler();
        var network = new LoopbackNetwork(scheduler);
        var a = new Node(new ManualEnvironment(scheduler, network, 1), NodeAddress.Simulated(1));
        var b = new Node(new ManualEnvironment(scheduler, network, 2), NodeAddress.Simulated(2));
        var pingA = pingType.GetMethod("Create")!.Invoke(null, [a, 64, null])!;
        _ = pingType.GetMethod("Create")!.Invoke(null, [b, 64, null])!;
        var status = Activator.CreateInstance(recorder)!;
        pingType.GetMethod("RegisterPingStatus")!.Invoke(pingA, [7, status]);
        var events = (List<string>)recorder.GetProperty("Events")!.GetValue(status)!;

        a.RunLifecycle(LifecyclePhase.Init);
        b.RunLifecycle(LifecyclePhase.Init);
        Assert.Equal("Running", pingType.GetProperty("state")!.GetValue(pingA)!.ToString());
        a.Execute(() => pingType.GetMethod("Monitor", [typeof(NodeAddress)])!.Invoke(pingA, [NodeAddress.Simulated(2)]));
        scheduler.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["responded " + NodeAddress.Simulated(2)], events);

        network.Silence(NodeAddress.Simulated(2));
        scheduler.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal("failed " + NodeAddress.Simulated(2), events[^1]);
        Assert.Single(events, e => e.StartsWith("failed", StringComparison.Ordinal));
        Assert.Equal(0, a.FailedEvents);
        var properties = (System.Collections.IEnumerable)pingType.GetProperty("Properties")!.GetValue(null)!;
        Assert.Single(properties.Cast<object>());
    }

    private static Assembly CompilePing()
    {
        var result = MaceCompiler.Compile("Ping.mace", File.ReadAllText(CaseFiles.FullPath("Emit/Ping.mace")), MaceCompilerOptions.Default);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var compilation = GeneratedCompilation.Create(result.GeneratedSource!, assemblyName: "PingBehaviour")
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Recorder));
        return GeneratedCompilation.Load(compilation);
    }
}
