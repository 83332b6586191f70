using Mace.Checking;
using Mace.Checking.Search;
using Mace.Checking.Tracing;
using Mace.Runtime.Tracing;

namespace Mace.Cli.Commands;

/// <summary>Reading a counterexample file and finding its test (in the shipped tests, the assembly it records, or --assembly), for replay and mdb.</summary>
internal static class CounterexampleFiles
{
    /// <summary>True when <paramref name="file"/> looks like a counterexample (JSON) rather than a trace log.</summary>
    public static bool IsCounterexample(FileInfo file)
    {
        if (!file.Exists) return false;
        using var stream = file.OpenRead();
        int b;
        while ((b = stream.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
        {
        }
        return b == '{';
    }

    /// <summary>Reads <paramref name="file"/> and finds its test; on failure prints "COMMAND: error: ..." and returns false.</summary>
    public static bool TryLoad(string command, FileInfo file, FileInfo[] assemblies, out CheckTest test, out Counterexample counterexample)
    {
        test = null!;
        counterexample = null!;
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{command}: error: file '{file.FullName}' not found");
            return false;
        }
        try
        {
            counterexample = Counterexample.Parse(File.ReadAllText(file.FullName));
            var named = assemblies;
            if (counterexample.Assembly is { } recorded)
            {
                if (!File.Exists(recorded) && named.Length == 0)
                {
                    Console.Error.WriteLine($"{command}: error: test '{counterexample.Test}' was found in assembly '{recorded}', which no longer exists; pass --assembly with its new place");
                    return false;
                }
                if (File.Exists(recorded)) named = [.. named, new FileInfo(recorded)];
            }
            var registry = CheckCatalog.Load(named);
            if (registry.Find(counterexample.Test) is not { } found)
            {
                Console.Error.WriteLine($"{command}: error: unknown test '{counterexample.Test}' (is the assembly that declares it named with --assembly?)");
                return false;
            }
            test = found;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or UserAssemblyException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{command}: error: {ex.Message}");
            return false;
        }
    }

    /// <summary><paramref name="trace"/> as trace-log records, through the log format (what a file written from it reads back as).</summary>
    public static List<TraceLogRecord> AsLog(ExecutionTrace trace)
    {
        using var stream = new MemoryStream();
        using (var writer = new TraceLogWriter(stream))
        {
            foreach (var record in trace.ToTraceRecords()) writer.Record(record);
        }
        stream.Position = 0;
        using var reader = TraceLogReader.Open(stream, "counterexample");
        return [.. reader.Records()];
    }
}
