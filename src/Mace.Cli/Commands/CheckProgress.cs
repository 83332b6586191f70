using System.Globalization;
using Mace.Checking;
using Mace.Checking.Search;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>The live display of a running check: phase, depth, steps, states and walks, polled from <see cref="SearchStats"/>.</summary>
internal static class CheckProgress
{
    public static void Show(Task<CheckResult> check, SearchStats stats)
    {
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting").IsIndeterminate();
                while (!check.Wait(100))
                {
                    task.Description = Markup.Escape(
                        $"{stats.Phase}: depth {stats.Depth}, {N(stats.Steps)} steps, {N(stats.Unique)} unique / {N(stats.Generated)} states, {N(stats.Walks)} walks");
                    context.Refresh();
                }
                task.StopTask();
            });
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
