using System.Collections.Immutable;
using Mace.Compiler.Syntax;

namespace Mace.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly HashSet<string> s_reservedNames = new(StringComparer.Ordinal)
    {
        "state", "States", "Upcall", "Properties", "ServiceName", "Node", "Now", "LocalAddress", "Create", "Log",
    };

    private static readonly string[] s_traceLevels = ["off", "manual", "low", "med", "high"];

    private readonly Dictionary<string, string> _memberNames = new(StringComparer.Ordinal);

    private BoundService BindService(ServiceSyntax syntax)
    {
        var name = syntax.Name.Text;
        var provided = BindProvided(syntax);
        var traceLevel = BindOptions(syntax);

        DeclareMember(syntax.Name, "service", checkReserved: false);
        foreach (var constant in syntax.Constants) DeclareMember(constant.Name, "constant");
        foreach (var parameter in syntax.ConstructorParameters)
        {
            DeclareMember(parameter.Name, "constructor parameter");
            if (parameter.Initializer is null) _diagnostics.ReportConstructorParameterWithoutDefault(parameter.Name.Span, parameter.Name.Text);
        }
        var lowers = BindLowerServices(syntax);
        var states = BindStates(syntax);
        var typedefs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var typedef in syntax.Typedefs)
        {
            DeclareMember(typedef.Name, "typedef");
            typedefs[typedef.Name.Text] = typedef.Type.Text.Trim();
        }
        foreach (var autoType in syntax.AutoTypes) DeclareMember(autoType.Name, "auto_type");
        foreach (var message in syntax.Messages) DeclareMember(message.Name, "message");
        var classifier = new WireTypeClassifier(typedefs, syntax.AutoTypes.Select(a => a.Name.Text).ToImmutableHashSet(StringComparer.Ordinal));
        var autoTypes = syntax.AutoTypes.Select(a => BindRecord(a.Name, a.Fields, -1, classifier, isAutoType: true)).ToImmutableArray();
        var messages = syntax.Messages.Select((m, i) => BindRecord(m.Name, m.Fields, i, classifier, isAutoType: false)).ToImmutableArray();
        var variables = BindStateVariables(syntax, classifier);
        var timers = BindTimers(syntax);
        foreach (var property in syntax.Properties) DeclareMember(property.Name, "property");
        var detectors = BindDetects(syntax, messages, lowers);

        var events = BindEvents(provided, lowers, timers);
        foreach (var serviceClass in provided)
        {
            if (serviceClass.AllDowncalls.Any(d => d.Name == name)) _diagnostics.ReportDowncallNamedAsService(syntax.Name.Span, name, serviceClass.Name);
        }
        var (transitions, aspects) = BindTransitions(syntax, events, lowers, timers, variables, messages);
        var service = new BoundService(syntax, name, provided, traceLevel, lowers, states, autoTypes, messages, variables, timers, events, transitions, aspects, detectors);
        CheckEveryEventHandled(service);
        CheckUnreachable(events);
        return service;
    }

    private ImmutableArray<ServiceClassSymbol> BindProvided(ServiceSyntax syntax)
    {
        var result = ImmutableArray.CreateBuilder<ServiceClassSymbol>();
        foreach (var name in syntax.Provides)
        {
            if (!_serviceClasses.TryGetValue(name.Text, out var symbol) || symbol.IsHandlerDeclaration)
            {
                _diagnostics.ReportUnknownProvidedServiceClass(name.Span, name.Text);
            }
            else if (result.Contains(symbol))
            {
                _diagnostics.ReportDuplicateName(name.Span, name.Text, "provided serviceclass");
            }
            else
            {
                result.Add(symbol);
            }
        }
        return result.ToImmutable();
    }

    private string BindOptions(ServiceSyntax syntax)
    {
        var level = "Off";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in syntax.Options)
        {
            if (!seen.Add(option.Name.Text))
            {
                _diagnostics.ReportDuplicateName(option.Name.Span, option.Name.Text, "option");
                continue;
            }
            if (option.Name.Text != "trace")
            {
                _diagnostics.ReportUnknownServiceOption(option.Name.Span, option.Name.Text);
                continue;
            }
            var value = option.Value.Text;
            if (Array.IndexOf(s_traceLevels, value) < 0)
            {
                _diagnostics.ReportInvalidTraceLevel(option.Value.Span, value);
                continue;
            }
            level = char.ToUpperInvariant(value[0]) + value.Substring(1);
        }
        return level;
    }

    private ImmutableArray<LowerServiceSymbol> BindLowerServices(ServiceSyntax syntax)
    {
        var result = ImmutableArray.CreateBuilder<LowerServiceSymbol>();
        foreach (var lower in syntax.LowerServices)
        {
            DeclareMember(lower.Name, "lower service");
            if (!_serviceClasses.TryGetValue(lower.Interface.Text, out var symbol) || symbol.IsHandlerDeclaration)
            {
                _diagnostics.ReportUnknownLowerServiceClass(lower.Interface.Span, lower.Interface.Text, lower.Name.Text);
                continue;
            }
            result.Add(new LowerServiceSymbol(lower.Name.Text, symbol, lower));
        }
        return result.ToImmutable();
    }

    private ImmutableArray<string> BindStates(ServiceSyntax syntax)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        result.Add("init");
        _memberNames["init"] = "state";
        foreach (var state in syntax.States)
        {
            if (DeclareMember(state, "state")) result.Add(state.Text);
        }
        return result.ToImmutable();
    }

    private MessageSymbol BindRecord(IdentifierSyntax name, ImmutableArray<VariableSyntax> fields, int tag, WireTypeClassifier classifier, bool isAutoType)
    {
        var result = ImmutableArray.CreateBuilder<FieldSymbol>(fields.Length);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Name.Text is "Tag" or "MessageTag" || field.Name.Text.StartsWith("__", StringComparison.Ordinal))
            {
                _diagnostics.ReportReservedName(field.Name.Span, field.Name.Text);
                continue;
            }
            if (!names.Add(field.Name.Text) || field.Name.Text == name.Text)
            {
                _diagnostics.ReportDuplicateName(field.Name.Span, field.Name.Text, "field");
                continue;
            }
            var wire = classifier.Classify(field.Type.Text.Trim());
            if (wire is null) _diagnostics.ReportNotSerializable(field.Type.Span, field.Type.Text.Trim(), field.Name.Text);
            result.Add(new FieldSymbol(field.Name.Text, field, wire));
        }
        return new MessageSymbol(name.Text, tag, result.ToImmutable(), name, isAutoType);
    }

    private ImmutableArray<FieldSymbol> BindStateVariables(ServiceSyntax syntax, WireTypeClassifier classifier)
    {
        var result = ImmutableArray.CreateBuilder<FieldSymbol>();
        foreach (var variable in syntax.StateVariables)
        {
            if (!DeclareMember(variable.Name, "state variable")) continue;
            var wire = classifier.Classify(variable.Type.Text.Trim());
            if (wire is null) _diagnostics.ReportStateNotSerializable(variable.Type.Span, variable.Name.Text, variable.Type.Text.Trim());
            result.Add(new FieldSymbol(variable.Name.Text, variable, wire));
        }
        return result.ToImmutable();
    }

    private ImmutableArray<TimerSymbol> BindTimers(ServiceSyntax syntax)
    {
        var result = ImmutableArray.CreateBuilder<TimerSymbol>();
        foreach (var timer in syntax.Timers)
        {
            if (!DeclareMember(timer.Name, "timer")) continue;
            result.Add(new TimerSymbol(timer.Name.Text, timer.TypeArguments.Select(t => t.Text.Trim()).ToImmutableArray(), timer));
        }
        return result.ToImmutable();
    }

    private static readonly string[] s_detectKeys = ["nodes", "guard", "probe", "period", "reply", "timeout", "raise", "via"];

    private ImmutableArray<DetectorSymbol> BindDetects(ServiceSyntax syntax, ImmutableArray<MessageSymbol> messages, ImmutableArray<LowerServiceSymbol> lowers)
    {
        var result = ImmutableArray.CreateBuilder<DetectorSymbol>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detect in syntax.Detects)
        {
            var unique = names.Add(detect.Name.Text);
            if (!unique) _diagnostics.ReportDuplicateName(detect.Name.Span, detect.Name.Text, "detector");
            var values = new Dictionary<string, DetectEntrySyntax>(StringComparer.Ordinal);
            foreach (var entry in detect.Entries)
            {
                if (Array.IndexOf(s_detectKeys, entry.Key.Text) < 0) _diagnostics.ReportUnknownDetectKey(entry.Key.Span, entry.Key.Text);
                else if (values.ContainsKey(entry.Key.Text)) _diagnostics.ReportDuplicateDetectKey(entry.Key.Span, entry.Key.Text, detect.Name.Text);
                else values.Add(entry.Key.Text, entry);
            }
            if (!values.ContainsKey("timeout")) _diagnostics.ReportDetectorWithoutTimeout(detect.Name.Span, detect.Name.Text);
            var ok = values.ContainsKey("timeout");
            ok &= RequireDetectKey(detect, values, "nodes", "the peer or peers to watch");
            ok &= RequireDetectKey(detect, values, "period", "how often to probe and check");
            ok &= RequireDetectKey(detect, values, "raise", "what to call with a peer that timed out");
            var probe = DetectMessage(detect, values, "probe", messages, ref ok);
            var reply = DetectMessage(detect, values, "reply", messages, ref ok);
            if (values.TryGetValue("reply", out var replyEntry))
            {
                if (!values.ContainsKey("probe")) { _diagnostics.ReportDetectorReply(replyEntry.Key.Span, detect.Name.Text, "a reply needs a probe"); ok = false; }
                else if (probe is not null && reply is not null && probe.Name == reply.Name) { _diagnostics.ReportDetectorReply(replyEntry.Value.Span, detect.Name.Text, "the reply must differ from the probe (a probe is answered, a reply is not)"); ok = false; }
            }
            LowerServiceSymbol? via = null;
            MethodSymbol? send = null, receive = null;
            if (values.ContainsKey("probe")) ok &= BindDetectVia(detect, values, lowers, out via, out send, out receive);
            var resetName = new IdentifierSyntax("Reset_" + detect.Name.Text, detect.Name.Span);
            if (unique) ok &= DeclareMember(resetName, "detector routine", checkReserved: false);
            if (!ok) continue;
            result.Add(new DetectorSymbol(
                detect.Name.Text,
                detect,
                values["nodes"].Value,
                values.TryGetValue("guard", out var guard) ? guard.Value : null,
                values["period"].Value,
                values["timeout"].Value,
                values["raise"].Value,
                probe,
                reply,
                via,
                send,
                receive));
        }
        return result.ToImmutable();
    }

    private bool RequireDetectKey(DetectSyntax detect, Dictionary<string, DetectEntrySyntax> values, string key, string meaning)
    {
        if (values.ContainsKey(key)) return true;
        _diagnostics.ReportDetectorMissingKey(detect.Name.Span, detect.Name.Text, key, meaning);
        return false;
    }

    /// <summary>The field-less message a detector's probe or reply names (MACE2022 otherwise); null when the key is absent.</summary>
    private MessageSymbol? DetectMessage(DetectSyntax detect, Dictionary<string, DetectEntrySyntax> values, string key, ImmutableArray<MessageSymbol> messages, ref bool ok)
    {
        if (!values.TryGetValue(key, out var entry)) return null;
        var text = entry.Value.Text.Trim();
        var message = messages.FirstOrDefault(m => m.Name == text);
        string? problem = message is null ? "is not a message declared in this service"
            : !message.Fields.IsEmpty ? "has fields"
            : null;
        if (problem is null) return message;
        _diagnostics.ReportDetectorMessage(entry.Value.Span, detect.Name.Text, key, text, problem);
        ok = false;
        return null;
    }

    /// <summary>
    /// The lower service that carries a detector's probes: the one <c>via</c> names, or else the only
    /// one whose serviceclass can send to an address (a downcall taking <c>(NodeAddress, Payload)</c>)
    /// and receive from one (a void upcall whose first parameter is the sender's <c>NodeAddress</c> and
    /// that carries a <c>Payload</c>), as <c>Transport</c> and <c>Route</c> do.
    /// </summary>
    private bool BindDetectVia(DetectSyntax detect, Dictionary<string, DetectEntrySyntax> values, ImmutableArray<LowerServiceSymbol> lowers, out LowerServiceSymbol? via, out MethodSymbol? send, out MethodSymbol? receive)
    {
        via = null;
        send = receive = null;
        if (values.TryGetValue("via", out var entry))
        {
            var text = entry.Value.Text.Trim();
            via = lowers.FirstOrDefault(l => l.Name == text);
            if (via is null)
            {
                _diagnostics.ReportDetectorVia(entry.Value.Span, detect.Name.Text, $"'{text}' is not a lower service");
                return false;
            }
            if (!TryProbeMethods(via, out send, out receive))
            {
                _diagnostics.ReportDetectorVia(entry.Value.Span, detect.Name.Text, $"serviceclass '{via.Interface.Name}' of '{text}' has no downcall (NodeAddress, Payload) and void upcall (NodeAddress src, ..., Payload)");
                return false;
            }
            return true;
        }
        var candidates = lowers.Where(l => TryProbeMethods(l, out _, out _)).ToList();
        if (candidates.Count != 1)
        {
            var problem = candidates.Count == 0
                ? "no lower service can send to an address and receive from one (as Transport and Route can)"
                : "more than one lower service can carry them (" + string.Join(", ", candidates.Select(c => c.Name)) + "); name one with 'via = Field;'";
            _diagnostics.ReportDetectorVia(detect.Name.Span, detect.Name.Text, problem);
            return false;
        }
        via = candidates[0];
        return TryProbeMethods(via, out send, out receive);
    }

    private static bool TryProbeMethods(LowerServiceSymbol lower, out MethodSymbol? send, out MethodSymbol? receive)
    {
        send = lower.Interface.AllDowncalls.FirstOrDefault(d =>
            d.Parameters.Length == 2 && TypeText.SameType(d.Parameters[0].Type, "NodeAddress") && d.Parameters[1].IsPayloadSlot);
        receive = lower.Interface.AllHandlers.SelectMany(h => h.Upcalls).FirstOrDefault(u =>
            u.IsVoid && u.Parameters.Length >= 2 && TypeText.SameType(u.Parameters[0].Type, "NodeAddress") && u.HasPayloadSlot);
        return send is not null && receive is not null;
    }

    /// <summary>Declares a member name of the service class; false (and MACE2003/MACE2020) when taken or reserved.</summary>
    private bool DeclareMember(IdentifierSyntax name, string what, bool checkReserved = true)
    {
        if (checkReserved && (s_reservedNames.Contains(name.Text) || name.Text.StartsWith("__", StringComparison.Ordinal)))
        {
            _diagnostics.ReportReservedName(name.Span, name.Text);
            return false;
        }
        if (_memberNames.ContainsKey(name.Text))
        {
            _diagnostics.ReportDuplicateName(name.Span, name.Text, what);
            return false;
        }
        _memberNames.Add(name.Text, what);
        return true;
    }
}
