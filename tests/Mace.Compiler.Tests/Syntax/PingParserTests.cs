using Mace.Compiler.Syntax;
using static Mace.Compiler.Tests.Syntax.ParserTestHelpers;

namespace Mace.Compiler.Tests.Syntax;

/// <summary>The reference Ping.mace of DESIGN.md parses to the expected model.</summary>
public sealed class PingParserTests
{
    private static readonly string s_text = ReadCase("Emit/Ping.mace");
    private static readonly CompilationUnitSyntax s_unit = ParsePing();

    private static CompilationUnitSyntax ParsePing()
    {
        var (unit, diagnostics) = Parse(s_text);
        Assert.Empty(diagnostics);
        return unit;
    }

    [Fact]
    public void Ping_Header_HasUsingServiceProvidesAndTraceOption()
    {
        Assert.Equal(["System.Collections.Generic"], s_unit.Usings.Select(u => u.Text));
        Assert.Null(s_unit.Namespace);
        var service = s_unit.Service!;
        Assert.Equal("Ping", service.Name.Text);
        Assert.Equal(["PingMonitor"], service.Provides.Select(p => p.Text));
        var option = Assert.Single(service.Options);
        Assert.Equal(("trace", "med"), (option.Name.Text, option.Value.Text));
    }

    [Fact]
    public void Ping_Blocks_AreRecordedInSourceOrder()
    {
        Assert.Equal(
            ["constants", "constructor_parameters", "services", "states", "messages", "state_variables", "transitions", "properties"],
            s_unit.Service!.Blocks.Select(b => b.Keyword.Text));
    }

    [Fact]
    public void Ping_Declarations_SplitIntoTypeNameAndInitializer()
    {
        var service = s_unit.Service!;
        Assert.Equal(
            [("TimeSpan", "PingInterval", "TimeSpan.FromSeconds(1)"), ("TimeSpan", "FailAfter", "TimeSpan.FromSeconds(5)")],
            service.Constants.Select(c => (c.Type.Text, c.Name.Text, c.Initializer?.Text)));
        var parameter = Assert.Single(service.ConstructorParameters);
        Assert.Equal(("int", "MaxPeers", "64"), (parameter.Type.Text, parameter.Name.Text, parameter.Initializer?.Text));
        var variable = Assert.Single(service.StateVariables);
        Assert.Equal(("Dictionary<NodeAddress, DateTime>", "LastHeard", "new()"), (variable.Type.Text, variable.Name.Text, variable.Initializer?.Text));
        Assert.Equal(["Running"], service.States.Select(s => s.Text));
    }

    [Fact]
    public void Ping_LowerServiceMessagesAndTimer_AreParsed()
    {
        var service = s_unit.Service!;
        var lower = Assert.Single(service.LowerServices);
        Assert.Equal(("Transport", "Net", "TcpTransport", ""), (lower.Interface.Text, lower.Name.Text, lower.DefaultService?.Text, lower.DefaultArguments?.Text));
        Assert.Equal(["PingMsg", "PongMsg"], service.Messages.Select(m => m.Name.Text));
        Assert.All(service.Messages, m => Assert.Equal([("long", "SentTicks")], m.Fields.Select(f => (f.Type.Text, f.Name.Text))));
        var timer = Assert.Single(service.Timers);
        Assert.Equal(("Sweep", "PingInterval"), (timer.Name.Text, timer.Recur?.Text));
        Assert.Empty(timer.TypeArguments);
    }

    [Fact]
    public void Ping_Transitions_HaveKindsNamesGuardsAndParameters()
    {
        var transitions = s_unit.Service!.Transitions;
        Assert.Equal(
            [
                (TransitionKind.Downcall, "MaceInit", "state == init", 0),
                (TransitionKind.Downcall, "Monitor", "LastHeard.Count < MaxPeers", 1),
                (TransitionKind.Upcall, "Deliver", "", 3),
                (TransitionKind.Upcall, "Deliver", "LastHeard.ContainsKey(src)", 3),
                (TransitionKind.Upcall, "Error", "", 2),
                (TransitionKind.Scheduler, "Sweep", "", 0),
            ],
            transitions.Select(t => (t.Kind, t.Name.Text, string.Join(" && ", t.Guards.Select(g => g.Text)), t.Parameters.Length)));
        var deliver = transitions[2];
        Assert.Equal(
            [("NodeAddress", "src"), ("NodeAddress", "dest"), ("PingMsg", "m")],
            deliver.Parameters.Select(p => (p.Type.Text, p.Name.Text)));
        Assert.StartsWith("{", transitions[0].Body.Text, StringComparison.Ordinal);
        Assert.EndsWith("}", transitions[0].Body.Text, StringComparison.Ordinal);
        Assert.Contains("Sweep.Schedule(PingInterval);", transitions[0].Body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_Property_IsSafetyWithExactExpression()
    {
        var property = Assert.Single(s_unit.Service!.Properties);
        Assert.Equal(PropertyKind.Safety, property.Kind);
        Assert.Equal("BoundedPeers", property.Name.Text);
        Assert.Equal("Nodes.All(n => n.LastHeard.Count <= n.MaxPeers)", property.Expression.Text);
    }

    [Fact]
    public void Ping_ServiceClass_HasDowncallAndHandlerWithDefaultBodies()
    {
        var serviceClass = Assert.Single(s_unit.ServiceClasses);
        Assert.Equal("PingMonitor", serviceClass.Name.Text);
        var monitor = Assert.Single(serviceClass.Downcalls);
        Assert.Equal(("void", "Monitor", null), (monitor.ReturnType.Text, monitor.Name.Text, monitor.DefaultBody?.Text));
        Assert.Equal([("NodeAddress", "peer")], monitor.Parameters.Select(p => (p.Type.Text, p.Name.Text)));
        var handler = Assert.Single(serviceClass.Handlers);
        Assert.Equal("PingStatus", handler.Name.Text);
        Assert.Equal([("PeerResponded", "{ }"), ("PeerFailed", "{ }")], handler.Upcalls.Select(u => (u.Name.Text, u.DefaultBody?.Text)));
        Assert.StartsWith("serviceclass PingMonitor {", serviceClass.SourceText, StringComparison.Ordinal);
        Assert.EndsWith("}", serviceClass.SourceText, StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_Spans_PointAtTheExactSourceText()
    {
        var service = s_unit.Service!;
        var guard = service.Transitions[1].Guards[0];
        var offset = s_text.IndexOf("LastHeard.Count < MaxPeers", StringComparison.Ordinal);
        Assert.Equal(offset, guard.Span.Start);
        Assert.Equal(guard.Text, s_text.Substring(guard.Span.Start, guard.Span.Length));
        var lines = s_text.Split('\n');
        Assert.Equal(guard.Text, lines[guard.Span.StartLine].Substring(guard.Span.StartColumn, guard.Span.Length));
        Assert.Equal(guard.Span.StartLine, guard.Span.EndLine);

        var body = service.Transitions[0].Body;
        Assert.Equal(body.Text, s_text.Substring(body.Span.Start, body.Span.Length));
        Assert.Equal(2, body.Span.EndLine - body.Span.StartLine - 1);
        Assert.Equal('{', lines[body.Span.StartLine][body.Span.StartColumn]);
        Assert.Equal('}', lines[body.Span.EndLine][body.Span.EndColumn - 1]);

        var name = service.Transitions[5].Name;
        Assert.Equal("Sweep", lines[name.Span.StartLine].Substring(name.Span.StartColumn, 5));
        Assert.StartsWith("scheduler", lines[name.Span.StartLine].TrimStart(), StringComparison.Ordinal);
    }
}
