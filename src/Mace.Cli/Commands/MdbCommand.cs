using System.CommandLine;
using Mace.Checking.Search;
using Mace.Cli.Mdb;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace mdb LOG...</c>: the replay debugger over trace logs (every node's, merged in causal
/// order): a web page on 127.0.0.1 with a space-time diagram, a cursor stepping globally or per
/// node, every node's state at the cursor, message contents and causal paths; <c>--text</c> steps
/// the same cursor in the terminal.
/// </summary>
internal static class MdbCommand
{
    public static Command Create()
    {
        var files = LogCommand.LogFiles();
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 to serve the debugger on (0: any free port, printed).", DefaultValueFactory = _ => 7077 };
        var text = new Option<bool>("--text") { Description = "Step through the logs in the terminal instead (commands on standard input; h for help)." };
        var assemblies = new Option<FileInfo[]>("--assembly", "-a") { Description = "For a counterexample: an assembly declaring more checker tests; repeatable.", AllowMultipleArgumentsPerToken = false };
        files.Description = "Trace log files (merged), or one counterexample file from mace check (replayed; then 'diverge here' explores other choices).";
        var command = new Command("mdb", "The replay debugger: step forward and back through every node's events (from mace run/sim --trace-log, or a mace check counterexample), see each node's state (trace level High), messages and causal paths, and diverge from a counterexample; in a browser on 127.0.0.1, or --text.")
        {
            files, port, text, assemblies,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var portNumber = result.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync($"mace mdb: error: --port must be 0 to 65535, not {portNumber}");
                return 2;
            }
            var inputs = result.GetValue(files)!;
            MdbSession session;
            if (inputs.Length == 1 && CounterexampleFiles.IsCounterexample(inputs[0]))
            {
                if (!CounterexampleFiles.TryLoad("mace mdb", inputs[0], result.GetValue(assemblies) ?? [], out var test, out var counterexample)) return 2;
                try
                {
                    session = MdbSession.FromCounterexample(test, counterexample);
                }
                catch (Exception ex) when (ex is ReplayDivergedException or InvalidOperationException)
                {
                    await Console.Error.WriteLineAsync($"mace mdb: error: {ex.Message}");
                    return 2;
                }
            }
            else
            {
                if (!LogCommand.TryLoad("mace mdb", inputs, out var records)) return 2;
                if (records.Count == 0)
                {
                    await Console.Error.WriteLineAsync("mace mdb: error: the logs hold no events");
                    return 2;
                }
                session = MdbSession.FromLogs(records, inputs.Length);
                if (!session.Timeline.HasState) await Console.Error.WriteLineAsync("mace mdb: note: no state-level records in these logs; write them with --trace-level High to see every node's state");
            }
            return result.GetValue(text)
                ? MdbText.Run(session, Console.In, Console.Out)
                : await MdbServer.RunAsync(session, portNumber, cancellationToken);
        });
        return command;
    }
}
