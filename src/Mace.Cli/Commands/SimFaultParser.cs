using System.Globalization;
using Mace.Simulation.Harness;

namespace Mace.Cli.Commands;

/// <summary>
/// Parses <c>--fault</c> values: <c>crash:IDS@TIME</c>, <c>restart:IDS@TIME</c>,
/// <c>partition:IDS@TIME</c>, <c>heal@TIME</c>, where IDS is a comma list of host ids and ranges
/// (<c>3</c>, <c>0-9</c>, <c>1,4,7-8</c>) and TIME a duration (<c>30s</c>).
/// </summary>
internal static class SimFaultParser
{
    public const string Forms = "crash:IDS@TIME, restart:IDS@TIME, partition:IDS@TIME, heal@TIME (IDS like 3 or 0-9 or 1,4,7-8; TIME like 30s)";

    public static bool TryParse(string text, int nodes, out ScriptedFault? fault, out string error)
    {
        fault = null;
        error = "";
        var at = text.LastIndexOf('@');
        if (at < 0 || !SimDuration.TryParse(text[(at + 1)..], out var time))
        {
            error = $"fault '{text}' needs @TIME, as in crash:3@30s";
            return false;
        }
        var head = text[..at];
        if (head == "heal")
        {
            fault = ScriptedFault.Heal(time);
            return true;
        }
        var colon = head.IndexOf(':');
        var kindText = colon < 0 ? head : head[..colon];
        FaultKind kind;
        switch (kindText)
        {
            case "crash": kind = FaultKind.Crash; break;
            case "restart": kind = FaultKind.Restart; break;
            case "partition": kind = FaultKind.Partition; break;
            default:
                error = $"unknown fault '{kindText}' (expected crash, restart, partition or heal)";
                return false;
        }
        if (colon < 0 || !TryParseIds(head[(colon + 1)..], nodes, out var ids, out error))
        {
            if (colon < 0) error = $"fault '{text}' needs host ids, as in {kindText}:3@30s";
            return false;
        }
        fault = new ScriptedFault(time, kind, ids);
        return true;
    }

    private static bool TryParseIds(string text, int nodes, out List<int> ids, out string error)
    {
        ids = [];
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            var first = dash < 0 ? part : part[..dash];
            var last = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
            {
                error = $"'{part}' is not a host id or range";
                return false;
            }
            if (to >= nodes)
            {
                error = $"host {to} does not exist (the run starts {nodes} nodes: 0 to {nodes - 1})";
                return false;
            }
            for (var id = from; id <= to; id++) ids.Add(id);
        }
        if (ids.Count == 0) error = "no host ids given";
        return ids.Count > 0;
    }
}
