using System.CommandLine;
using Mace.Checking;
using Mace.Checking.Search;

namespace Mace.Cli.Commands;

/// <summary><c>mace replay FILE</c>: re-executes a counterexample written by <c>mace check</c> and prints the same trace; exits 1 when the violation does not show again.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A counterexample file written by mace check." };
        var assemblies = new Option<FileInfo[]>("--assembly", "-a") { Description = "An assembly declaring more checker tests; repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("replay", "Replay a model-checker counterexample and print its trace.") { file, assemblies };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"mace replay: error: file '{path.FullName}' not found");
                return 2;
            }
            try
            {
                var counterexample = Counterexample.Parse(File.ReadAllText(path.FullName));
                var named = result.GetValue(assemblies) ?? [];
                if (counterexample.Assembly is { } recorded)
                {
                    if (!File.Exists(recorded) && named.Length == 0)
                    {
                        Console.Error.WriteLine($"mace replay: error: test '{counterexample.Test}' was found in assembly '{recorded}', which no longer exists; pass --assembly with its new place");
                        return 2;
                    }
                    if (File.Exists(recorded)) named = [.. named, new FileInfo(recorded)];
                }
                var registry = CheckCatalog.Load(named);
                if (registry.Find(counterexample.Test) is not { } test)
                {
                    Console.Error.WriteLine($"mace replay: error: unknown test '{counterexample.Test}' (is the assembly that declares it named with --assembly?)");
                    return 2;
                }
                var trace = Replayer.Replay(test, counterexample);
                Console.Write(trace.Render());
                return trace.Reproduced ? 0 : 1;
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or KeyNotFoundException or ReplayDivergedException or UserAssemblyException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"mace replay: error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
