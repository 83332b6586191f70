using System.Globalization;
using System.Text;

namespace Mace.Benchmarks.Compiler;

/// <summary>Synthetic but realistic .mace inputs: a large service and a project of many small ones.</summary>
internal static class CompilerInputs
{
    /// <summary>A service of about <paramref name="messages"/> * 14 lines: messages, state, guarded transitions, timers, routines.</summary>
    public static string LargeService(int messages)
    {
        var text = new StringBuilder();
        text.Append("namespace Mace.Benchmarks.Large;\nusing System.Collections.Generic;\n\nservice Large;\ntrace = low;\n\n");
        text.Append("services {\n    Transport Net = TcpTransport();\n}\n\nstates { Joining; Joined; }\n\nmessages {\n");
        for (var i = 0; i < messages; i++) text.Append(CultureInfo.InvariantCulture, $"    Msg{i} {{ int Seq; NodeAddress Origin; List<int> Values; string Note; }}\n");
        text.Append("}\n\nstate_variables {\n    Dictionary<NodeAddress, int> Seen = new();\n    int Total = 0;\n    timer Tick recur(TimeSpan.FromSeconds(1));\n}\n\ntransitions {\n");
        text.Append("    downcall (state == init) MaceInit() {\n        state = Joining;\n        Tick.Schedule(TimeSpan.FromSeconds(1));\n    }\n\n");
        for (var i = 0; i < messages; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    upcall (state == Joined && m.Seq > {i}) Deliver(NodeAddress src, NodeAddress dest, Msg{i} m) {{\n");
            text.Append("        Seen[src] = m.Seq;\n        Total += m.Values.Count;\n");
            text.Append(CultureInfo.InvariantCulture, $"        if (m.Seq % 2 == 0) Net.Route(src, new Msg{(i + 1) % messages}(m.Seq + 1, LocalAddress, m.Values, $\"hop {{m.Seq}}\"));\n    }}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"    upcall Deliver(NodeAddress src, NodeAddress dest, Msg{i} m) {{\n        Remember(src);\n    }}\n\n");
        }
        text.Append("    scheduler Tick() {\n        if (state == Joining) state = Joined;\n    }\n}\n\nroutines {\n    private void Remember(NodeAddress peer) {\n        Seen.TryAdd(peer, 0);\n    }\n}\n\n");
        text.Append("properties {\n    safety NonNegative: Nodes.All(n => n.Total >= 0);\n}\n");
        return text.ToString();
    }

    /// <summary>A small counter service named <c>Counter{index}</c>.</summary>
    public static string SmallService(int index) => string.Create(CultureInfo.InvariantCulture, $$"""
        namespace Mace.Benchmarks.Project;

        service Counter{{index}};

        states { Counting; }

        messages { Bump { int By; } }

        state_variables {
            int Count = 0;
            timer Tick recur(TimeSpan.FromSeconds(1));
        }

        services { Transport Net = TcpTransport(); }

        transitions {
            downcall (state == init) MaceInit() {
                state = Counting;
                Tick.Schedule(TimeSpan.FromSeconds(1));
            }

            upcall Deliver(NodeAddress src, NodeAddress dest, Bump b) {
                Count += b.By;
            }

            scheduler Tick() {
                Count++;
            }
        }
        """);
}
