using System.CommandLine;
using Mace.Checking;
using Mace.Checking.Search;
using Mace.Runtime.Tracing;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace replay FILE</c>: re-executes a counterexample written by <c>mace check</c> and prints the
/// same trace; exits 1 when the violation does not show again. <c>--trace-log</c> also writes the
/// trace as a trace log, for <c>mace log</c>, <c>paths</c>, the ShiViz export and <c>mdb</c>.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A counterexample file written by mace check." };
        var assemblies = new Option<FileInfo[]>("--assembly", "-a") { Description = "An assembly declaring more checker tests; repeatable.", AllowMultipleArgumentsPerToken = false };
        var traceLog = new Option<FileInfo?>("--trace-log") { Description = "Also write the replayed trace as a trace log (every node at level High, deliveries linked to their sends): read it with mace log, paths, mdb." };
        var command = new Command("replay", "Replay a model-checker counterexample and print its trace.") { file, assemblies, traceLog };
        command.SetAction(result =>
        {
            if (!CounterexampleFiles.TryLoad("mace replay", result.GetValue(file)!, result.GetValue(assemblies) ?? [], out var test, out var counterexample)) return 2;
            try
            {
                var trace = Replayer.Replay(test, counterexample);
                Console.Write(trace.Render());
                if (result.GetValue(traceLog) is { } log)
                {
                    using (var writer = TraceLogWriter.Create(log.FullName))
                    {
                        foreach (var record in trace.ToTraceRecords()) writer.Record(record);
                    }
                    Console.WriteLine($"wrote {log.FullName}: the trace as a trace log (mace mdb {log.Name}, mace log export {log.Name} --format shiviz)");
                }
                return trace.Reproduced ? 0 : 1;
            }
            catch (Exception ex) when (ex is ReplayDivergedException or InvalidOperationException)
            {
                Console.Error.WriteLine($"mace replay: error: {ex.Message}");
                return 2;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mace replay: error: --trace-log: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
