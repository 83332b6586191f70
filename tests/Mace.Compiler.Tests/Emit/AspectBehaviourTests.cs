using Mace.Compiler.Tests.Emit.Harness;
using Mace.Runtime;

namespace Mace.Compiler.Tests.Emit;

/// <summary>Generated local aspects fire once per outermost event that changed a watched variable, with the old value.</summary>
public sealed class AspectBehaviourTests
{
    private const string Source = """
        serviceclass Knob { downcalls { void Set(int v); void Bounce(); void AddPeer(int id); void Touch(int id); } }

        service Watch : Knob;

        state_variables {
            int Value = 0;
            List<int> Peers = new();
            Dictionary<int, List<int>> Groups = new();
            List<string> Seen = new();
        }

        transitions {
            downcall Set(int v) { Value = v; }
            downcall Bounce() { Value++; Value--; }
            downcall AddPeer(int id) { Peers.Add(id); }
            downcall Touch(int id) {
                if (!Groups.TryGetValue(id, out var members)) Groups[id] = members = new();
                members.Add(id);
                members.Remove(id);
            }
            aspect<Value> ValueChanged(int old) { Seen.Add("value " + old + "->" + Value); }
            aspect<Peers, Value> (oldPeers.Count != Peers.Count) PeersChanged(List<int> oldPeers, int oldValue) {
                Seen.Add("peers " + oldPeers.Count + "->" + Peers.Count);
            }
            aspect<Groups> GroupsChanged(Dictionary<int, List<int>> before) { Seen.Add("groups " + before.Count + "->" + Groups.Count); }
        }
        """;

    [Fact]
    public void Aspects_FireOncePerChangingEvent_WithOldValues_AndNeverForRestoredValues()
    {
        var result = MaceCompiler.Compile("Watch.mace", Source, MaceCompilerOptions.Default);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var assembly = GeneratedCompilation.Load(GeneratedCompilation.Create(result.GeneratedSource!, assemblyName: "AspectBehaviour"));
        var type = assembly.GetType("Mace.Generated.Watch")!;
        var scheduler = new ManualScheduler();
        var node = new Node(new ManualEnvironment(scheduler, new LoopbackNetwork(scheduler), 1), NodeAddress.Simulated(1));
        var service = type.GetMethod("Create")!.Invoke(null, [node])!;
        var seen = (List<string>)type.GetProperty("Seen")!.GetValue(service)!;
        void Call(string name, params object[] args) => type.GetMethod(name, args.Select(a => a.GetType()).ToArray())!.Invoke(service, args);

        node.Execute(() => Call("Set", 5));
        Assert.Equal(["value 0->5"], seen);

        node.Execute(() => Call("Bounce"));
        node.Execute(() => Call("Set", 5));
        Assert.Equal(["value 0->5"], seen);

        node.Execute(() =>
        {
            Call("Set", 7);
            Call("Set", 8);
        });
        Assert.Equal(["value 0->5", "value 5->8"], seen);

        node.Execute(() => Call("AddPeer", 1));
        Assert.Equal(["value 0->5", "value 5->8", "peers 0->1"], seen);

        node.Execute(() => Call("Touch", 3));
        Assert.Equal("groups 0->1", seen[^1]);
        node.Execute(() => Call("Touch", 3));
        Assert.Equal(4, seen.Count);
    }
}
