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
        BindDetects(syntax);

        var events = BindEvents(provided, lowers, timers);
        var (transitions, aspects) = BindTransitions(syntax, events, lowers, timers, variables, messages);
        var service = new BoundService(syntax, name, provided, traceLevel, lowers, states, autoTypes, messages, variables, timers, events, transitions, aspects);
        CheckEveryEventHandled(service);
        CheckUnreachable(events);
        return service;
    }

    private ImmutableArray<ServiceClassSymbol> BindProvided(ServiceSyntax syntax)
    {
        var result = ImmutableArray.CreateBuilder<ServiceClassSymbol>();
        foreach (var name in syntax.Provides)
        {
            if (!_serviceClasses.TryGetValue(name.Text, out var symbol))
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
            if (!_serviceClasses.TryGetValue(lower.Interface.Text, out var symbol))
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

    private static readonly string[] s_detectKeys = ["nodes", "guard", "probe", "period", "reply", "timeout", "raise"];

    private void BindDetects(ServiceSyntax syntax)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detect in syntax.Detects)
        {
            if (!names.Add(detect.Name.Text)) _diagnostics.ReportDuplicateName(detect.Name.Span, detect.Name.Text, "detector");
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in detect.Entries)
            {
                if (Array.IndexOf(s_detectKeys, entry.Key.Text) < 0) _diagnostics.ReportUnknownDetectKey(entry.Key.Span, entry.Key.Text);
                else if (!keys.Add(entry.Key.Text)) _diagnostics.ReportDuplicateDetectKey(entry.Key.Span, entry.Key.Text, detect.Name.Text);
            }
            if (!keys.Contains("timeout")) _diagnostics.ReportDetectorWithoutTimeout(detect.Name.Span, detect.Name.Text);
        }
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
