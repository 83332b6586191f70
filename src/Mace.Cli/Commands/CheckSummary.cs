using System.Globalization;
using Mace.Checking;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>The summary table <c>mace check</c> prints when a check ends.</summary>
internal static class CheckSummary
{
    public static void Print(CheckResult result, TimeSpan wall, TimeSpan cpu)
    {
        var s = result.Stats;
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        var cpuSeconds = Math.Max(cpu.TotalSeconds, 1e-9);
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        table.AddRow("test", Markup.Escape(result.Test.Name));
        table.AddRow("result", result.Passed ? "[green]passed[/]" : "[red]" + Markup.Escape(result.Violation!.ToString()) + "[/]");
        table.AddRow("options", Markup.Escape(Describe(result.Options)));
        table.AddRow("exhaustive", $"depth {s.Depth}{(s.Complete ? " (state space exhausted)" : "")}");
        table.AddRow("steps", Count(s.Steps) + $" ({Rate(s.Steps, seconds)}/s)");
        table.AddRow("states generated", Count(s.Generated) + $" ({Rate(s.Generated, seconds)}/s, {Rate(s.Generated, cpuSeconds)}/cpu-s)");
        table.AddRow("unique states", Count(s.Unique) + $" ({Rate(s.Unique, seconds)}/s)");
        table.AddRow("random walks", Count(s.Walks) + $" ({Count(s.WalkSteps)} steps)");
        table.AddRow("time", $"{wall.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s (cpu {cpu.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)");
        AnsiConsole.Write(table);
    }

    public static string Describe(CheckOptions o) =>
        $"depth {o.Depth}, walks {o.Walks}, max-steps {o.MaxSteps}, seed {o.Seed}, faults {FaultText.Format(o.Faults)}, time {o.Time.ToString().ToLowerInvariant()}";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(long value, double seconds) => (value / seconds).ToString("N0", CultureInfo.InvariantCulture);
}
