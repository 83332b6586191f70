using Mace.Compiler.Text;

namespace Mace.Compiler.Diagnostics;

public sealed partial class DiagnosticBag
{
    // ---- MACE2xxx: names and types

    /// <summary>MACE2001: a provided serviceclass is not declared here or in a reference.</summary>
    public void ReportUnknownProvidedServiceClass(MaceSpan span, string name) =>
        Error("MACE2001", span, $"unknown serviceclass '{name}' in the provided list");

    /// <summary>MACE2002: a lower service's serviceclass is not declared here or in a reference.</summary>
    public void ReportUnknownLowerServiceClass(MaceSpan span, string name, string field) =>
        Error("MACE2002", span, $"unknown serviceclass '{name}' for lower service '{field}'");

    /// <summary>MACE2003: a name is declared twice in the same scope.</summary>
    public void ReportDuplicateName(MaceSpan span, string name, string what) =>
        Error("MACE2003", span, $"duplicate {what} '{name}'");

    /// <summary>MACE2004: a downcall transition names no downcall of the provided serviceclasses.</summary>
    public void ReportUnknownDowncall(MaceSpan span, string name) =>
        Error("MACE2004", span, $"'{name}' is not a downcall of any provided serviceclass");

    /// <summary>MACE2005: an upcall transition names no upcall of the lower services.</summary>
    public void ReportUnknownUpcall(MaceSpan span, string name) =>
        Error("MACE2005", span, $"'{name}' is not an upcall of any lower service");

    /// <summary>MACE2006: a scheduler transition names no declared timer.</summary>
    public void ReportUnknownTimer(MaceSpan span, string name) =>
        Error("MACE2006", span, $"'{name}' is not a declared timer");

    /// <summary>MACE2007: a transition's parameter count differs from its event's.</summary>
    public void ReportParameterCountMismatch(MaceSpan span, string name, int expected, int actual) =>
        Error("MACE2007", span, $"'{name}' takes {expected} parameter(s) but the transition declares {actual}");

    /// <summary>MACE2008: a transition parameter's type differs from its event's.</summary>
    public void ReportParameterTypeMismatch(MaceSpan span, string parameter, string actual, string expected) =>
        Error("MACE2008", span, $"parameter '{parameter}' has type '{actual}' but the event declares '{expected}'");

    /// <summary>MACE2009: a payload slot is typed with a name that is not a declared message.</summary>
    public void ReportUnknownMessage(MaceSpan span, string name) =>
        Error("MACE2009", span, $"'{name}' is not a declared message");

    /// <summary>MACE2010: a message type is written for a parameter that is not a payload slot.</summary>
    public void ReportMessageOutsidePayloadSlot(MaceSpan span, string message, string parameter) =>
        Error("MACE2010", span, $"message '{message}' can only be named in a Payload parameter, and '{parameter}' is not one");

    /// <summary>MACE2011: an aspect watches a name that is not a state variable.</summary>
    public void ReportUnknownStateVariable(MaceSpan span, string name) =>
        Error("MACE2011", span, $"'{name}' is not a state variable");

    /// <summary>MACE2012: an aspect's parameters do not match its watched variables in number.</summary>
    public void ReportAspectParameterCount(MaceSpan span, string name, int variables, int parameters) =>
        Error("MACE2012", span, $"aspect '{name}' watches {variables} variable(s) but declares {parameters} parameter(s)");

    /// <summary>MACE2013: an aspect parameter's type differs from its watched variable's.</summary>
    public void ReportAspectParameterType(MaceSpan span, string parameter, string actual, string variable, string expected) =>
        Error("MACE2013", span, $"parameter '{parameter}' has type '{actual}' but state variable '{variable}' has type '{expected}'");

    /// <summary>MACE2014: a message or auto_type field's type cannot be serialized.</summary>
    public void ReportNotSerializable(MaceSpan span, string type, string field) =>
        Error("MACE2014", span, $"type '{type}' of field '{field}' is not serializable");

    /// <summary>MACE2015: a serviceclass base is not declared.</summary>
    public void ReportUnknownBaseServiceClass(MaceSpan span, string name) =>
        Error("MACE2015", span, $"unknown base serviceclass '{name}'");

    /// <summary>MACE2016: an unknown transition option, or a bad value for a known one.</summary>
    public void ReportInvalidTransitionOption(MaceSpan span, string name, string value) =>
        Error("MACE2016", span, $"invalid transition option '{name}={value}' (expected merge=pre, merge=post, exec=once, path=start or path=end)");

    /// <summary>MACE2016: a transition option that this kind of transition cannot take.</summary>
    public void ReportInvalidTransitionOption(MaceSpan span, string name, string value, string reason) =>
        Error("MACE2016", span, $"invalid transition option '{name}={value}': {reason}");

    /// <summary>MACE2017: an unknown service header option.</summary>
    public void ReportUnknownServiceOption(MaceSpan span, string name) =>
        Error("MACE2017", span, $"unknown service option '{name}'");

    /// <summary>MACE2018: a trace option with an unknown level.</summary>
    public void ReportInvalidTraceLevel(MaceSpan span, string value) =>
        Error("MACE2018", span, $"invalid trace level '{value}' (expected off, manual, low, med or high)");

    /// <summary>MACE2019: a detector entry with an unknown key.</summary>
    public void ReportUnknownDetectKey(MaceSpan span, string key) =>
        Error("MACE2019", span, $"unknown detector key '{key}' (expected nodes, guard, probe, period, reply, timeout, raise or via)");

    /// <summary>MACE2020: a name reserved for generated code.</summary>
    public void ReportReservedName(MaceSpan span, string name) =>
        Error("MACE2020", span, $"'{name}' is reserved for generated code");

    /// <summary>MACE2021: a serviceclass inherits from itself.</summary>
    public void ReportCyclicServiceClass(MaceSpan span, string name) =>
        Error("MACE2021", span, $"serviceclass '{name}' inherits from itself");

    // ---- MACE3xxx: service rules

    /// <summary>MACE3001: a downcall of a provided serviceclass has no transition.</summary>
    public void ReportMissingDowncallTransition(MaceSpan span, string downcall, string serviceClass) =>
        Error("MACE3001", span, $"downcall '{downcall}' of provided serviceclass '{serviceClass}' has no transition");

    /// <summary>MACE3002: an upcall without a default body of a used serviceclass has no transition.</summary>
    public void ReportMissingUpcallTransition(MaceSpan span, string upcall, string handler, string field) =>
        Error("MACE3002", span, $"upcall '{upcall}' of handler '{handler}' (lower service '{field}') has no default body and no transition");

    /// <summary>MACE3003: a guard has a side effect.</summary>
    public void ReportGuardSideEffect(MaceSpan span, string what) =>
        Error("MACE3003", span, $"guards must be free of side effects: {what}");

    /// <summary>MACE3004: a constructor parameter without a default value.</summary>
    public void ReportConstructorParameterWithoutDefault(MaceSpan span, string name) =>
        Error("MACE3004", span, $"constructor parameter '{name}' has no default value");

    /// <summary>MACE3005 (warning): an earlier unguarded transition of the same event always runs instead.</summary>
    public void ReportUnreachableTransition(MaceSpan span, string name, int line) =>
        Warning("MACE3005", span, $"transition '{name}' is unreachable: the unguarded transition on line {line} always matches first");

    /// <summary>MACE3006: a distributed detector without a timeout.</summary>
    public void ReportDetectorWithoutTimeout(MaceSpan span, string name) =>
        Error("MACE3006", span, $"detector '{name}' has no timeout");

    /// <summary>MACE3007: a merge transition in an event that returns a value.</summary>
    public void ReportMergeOnValueEvent(MaceSpan span, string name) =>
        Error("MACE3007", span, $"'{name}' returns a value; its transitions cannot be merge transitions");

    /// <summary>MACE3008: a detector entry written twice.</summary>
    public void ReportDuplicateDetectKey(MaceSpan span, string key, string detector) =>
        Error("MACE3008", span, $"detector '{detector}' sets '{key}' more than once");
    /// <summary>MACE2025: <c>upcalls(handler H);</c> names no declared handler.</summary>
    public void ReportUnknownHandler(MaceSpan span, string name, string serviceClass) =>
        Error("MACE2025", span, $"serviceclass '{serviceClass}' reuses handler '{name}', which is not declared (declare 'handler {name} {{ ... }}' or an 'upcalls(handler {name}) {{ ... }}' block)");

    /// <summary>MACE2026: a downcall of a provided serviceclass has the service's own name (C# forbids a member named like its class).</summary>
    public void ReportDowncallNamedAsService(MaceSpan span, string service, string serviceClass) =>
        Error("MACE2026", span, $"service '{service}' cannot provide downcall '{service}' of serviceclass '{serviceClass}': a generated method cannot have its class's name; rename the service or the downcall");

    /// <summary>MACE3009: a distributed detector without one of its other required keys.</summary>
    public void ReportDetectorMissingKey(MaceSpan span, string name, string key, string meaning) =>
        Error("MACE3009", span, $"detector '{name}' has no '{key}' ({meaning})");

    /// <summary>MACE2022: a detector's probe or reply is not a field-less message of the service.</summary>
    public void ReportDetectorMessage(MaceSpan span, string detector, string key, string value, string problem) =>
        Error("MACE2022", span, $"detector '{detector}': {key} '{value}' {problem}; probes and replies are messages of this service without fields");

    /// <summary>MACE2023: no lower service (or the named one cannot) carries a detector's probes.</summary>
    public void ReportDetectorVia(MaceSpan span, string detector, string problem) =>
        Error("MACE2023", span, $"detector '{detector}' cannot send probes: {problem}");

    /// <summary>MACE2024: a detector's reply without a probe, or equal to it.</summary>
    public void ReportDetectorReply(MaceSpan span, string detector, string problem) =>
        Error("MACE2024", span, $"detector '{detector}': {problem}");
}
