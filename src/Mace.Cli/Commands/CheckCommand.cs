using System.CommandLine;
using System.Diagnostics;
using Mace.Checking;
using Mace.Checking.Search;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace check TEST [--depth D] [--walks N] [--max-steps S] [--seed S] [--faults crash,restart,loss,error]</c>:
/// bounded exhaustive search, then random walks; on a violation writes the counterexample (JSON) and
/// its trace and exits 1.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var test = new Argument<string?>("test") { Description = "The checker test to run (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var depth = new Option<int?>("--depth", "-d") { Description = "Steps explored exhaustively (breadth first)." };
        var walks = new Option<int?>("--walks", "-w") { Description = "Random walks from the exhaustive search's frontier." };
        var maxSteps = new Option<int?>("--max-steps", "-s") { Description = "Steps of one random walk." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the random walks." };
        var faults = new Option<string?>("--faults", "-f") { Description = "Faults to inject: crash,restart,loss,error or none." };
        var maxFaults = new Option<int?>("--max-faults") { Description = "Budget of each enabled fault per execution (default 1)." };
        var time = new Option<TimeMode?>("--time") { Description = "Frozen (Now never moves), Advancing (a timer firing moves Now to its due time) or Ordered (as Advancing, and timers fire in due order)." };
        var maxStates = new Option<int?>("--max-states") { Description = "Stop the exhaustive search after this many unique states." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the counterexample (default TEST.counterexample.json)." };
        var assemblies = new Option<FileInfo[]>("--assembly", "-a") { Description = "An assembly declaring more checker tests; repeatable.", AllowMultipleArgumentsPerToken = false };
        var list = new Option<bool>("--list") { Description = "List the known tests." };
        var quiet = new Option<bool>("--no-progress") { Description = "No live progress display." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Threads that expand states and run walks, each on its own copy of the world (default 1; this machine has " + Environment.ProcessorCount + " cores). The states, counters and first violation are the same with any number." };

        var command = new Command("check", "Model check a test: exhaustive search, random walks, liveness with critical transitions.")
        {
            test, depth, walks, maxSteps, seed, faults, maxFaults, time, maxStates, threads, output, assemblies, list, quiet,
        };
        command.SetAction(result =>
        {
            CheckTestRegistry registry;
            try
            {
                registry = CheckCatalog.Load(result.GetValue(assemblies) ?? []);
            }
            catch (Exception ex) when (ex is UserAssemblyException or InvalidOperationException)
            {
                Console.Error.WriteLine($"mace check: error: {ex.Message}");
                return 2;
            }
            if (result.GetValue(list))
            {
                var width = registry.Tests.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
                foreach (var t in registry.Tests) Console.WriteLine($"{t.Name.PadRight(width)}  {t.NodeCount} nodes  {t.Description}");
                return 0;
            }
            var name = result.GetValue(test);
            if (string.IsNullOrEmpty(name) || registry.Find(name) is not { } found)
            {
                Console.Error.WriteLine($"mace check: error: unknown test '{name}' (known: {string.Join(", ", registry.Tests.Select(t => t.Name))})");
                return 2;
            }
            foreach (var (option, least) in new[] { (depth, 0), (walks, 0), (maxSteps, 1), (maxFaults, 0), (maxStates, 1), (threads, 1) })
            {
                if (result.GetValue(option) is { } value && value < least)
                {
                    Console.Error.WriteLine($"mace check: error: {option.Name} must be at least {least}, not {value}");
                    return 2;
                }
            }
            var o = found.Defaults;
            try
            {
                var budget = result.GetValue(maxFaults);
                o = o with
                {
                    Depth = result.GetValue(depth) ?? o.Depth,
                    Walks = result.GetValue(walks) ?? o.Walks,
                    MaxSteps = result.GetValue(maxSteps) ?? o.MaxSteps,
                    Seed = result.GetValue(seed) ?? o.Seed,
                    Faults = result.GetValue(faults) is { } f ? FaultText.Parse(f) : o.Faults,
                    Time = result.GetValue(time) ?? o.Time,
                    MaxStates = result.GetValue(maxStates) ?? o.MaxStates,
                    Threads = result.GetValue(threads) ?? o.Threads,
                    MaxCrashes = budget ?? o.MaxCrashes,
                    MaxRestarts = budget ?? o.MaxRestarts,
                    MaxLosses = budget ?? o.MaxLosses,
                    MaxErrors = budget ?? o.MaxErrors,
                };
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"mace check: error: {ex.Message}");
                return 2;
            }
            return Run(found, o, result.GetValue(output), !result.GetValue(quiet), CheckCatalog.UserAssemblyOf(registry, found.Name));
        });
        return command;
    }

    private static int Run(CheckTest test, CheckOptions options, FileInfo? output, bool progress, string? userAssembly)
    {
        AnsiConsole.MarkupLine($"[bold]mace check[/] {Markup.Escape(test.Name)}: {test.NodeCount} nodes; {Markup.Escape(CheckSummary.Describe(options))}");
        var stats = new SearchStats();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var check = Task.Factory.StartNew(() => ModelChecker.Check(test, options, stats), TaskCreationOptions.LongRunning);
        if (progress && AnsiConsole.Profile.Capabilities.Interactive) CheckProgress.Show(check, stats);
        CheckResult result;
        try
        {
            result = check.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A transition's exception is a violation; this one came from the test's own code.
            Console.Error.WriteLine($"mace check: error: test '{test.Name}' threw outside a transition (in its factory, driver or a property): {ex.GetType().Name}: {ex.Message}");
            var frame = ex.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            if (frame is not null) Console.Error.WriteLine($"  {frame}");
            return 2;
        }
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        CheckSummary.Print(result, clock.Elapsed, cpu);
        if (result.Passed) return 0;

        var file = output ?? new FileInfo($"{test.Name}.counterexample.json");
        var tracePath = Path.ChangeExtension(file.FullName, ".trace.txt");
        var trace = result.Trace!.Render();
        try
        {
            File.WriteAllText(file.FullName, (result.Counterexample! with { Assembly = userAssembly }).ToJson());
            File.WriteAllText(tracePath, trace);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"mace check: error: cannot write the counterexample to '{file.FullName}': {ex.Message}");
            return 1;
        }
        Console.WriteLine();
        Console.Write(trace);
        Console.WriteLine();
        Console.WriteLine($"counterexample: {file.FullName}");
        Console.WriteLine($"trace:          {tracePath}");
        // The file records the test's assembly, so `mace replay FILE` alone works; the hint names it too.
        var assemblyArgument = userAssembly is null ? "" : " --assembly " + CheckCatalog.ShellWord(userAssembly);
        Console.WriteLine($"replay with:    mace replay {CheckCatalog.ShellWord(file.FullName)}{assemblyArgument}");
        return 1;
    }
}
