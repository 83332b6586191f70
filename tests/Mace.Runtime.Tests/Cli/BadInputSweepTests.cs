namespace Mace.Runtime.Tests.Cli;

/// <summary>
/// Absurd, missing and corrupt input to every command: each exits non-zero with a message, and
/// none prints an unhandled exception or a stack trace (issue 15 item 5).
/// </summary>
public sealed class BadInputSweepTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mace-bad-input-").FullName;

    public static TheoryData<string[]> Cases => new()
    {
        new[] { "frobnicate" },
        new[] { "run" },
        new[] { "run", "Nope" },
        new[] { "run", "Ping", "--port", "70000" },
        new[] { "run", "Ping", "--port", "abc" },
        new[] { "run", "Ping", "--bind", "not-an-ip" },
        new[] { "run", "Ping", "--bootstrap", "nowhere" },
        new[] { "run", "Ping", "--max-connections", "0" },
        new[] { "run", "Ping", "--handshake-timeout", "-1" },
        new[] { "run", "Ping", "--certs", "/nonexistent-mace-certs" },
        new[] { "run", "--assembly", "/nonexistent/User.dll", "App" },
        new[] { "run", "--assembly", "/etc/hostname", "App" },
        new[] { "sim", "nope" },
        new[] { "sim", "ping", "--nodes", "-5" },
        new[] { "sim", "ping", "--duration", "forever" },
        new[] { "sim", "ping", "--seed", "-1" },
        new[] { "sim", "ping", "--udp-loss", "2" },
        new[] { "sim", "ping", "--churn", "-3" },
        new[] { "sim", "ping", "--churn", "1", "--churn-window", "4m-1m" },
        new[] { "sim", "ping", "--fault", "garbage" },
        new[] { "sim", "ping", "--topology", "king:/nonexistent/king.txt" },
        new[] { "sim", "ping", "--bandwidth", "fast" },
        new[] { "sim", "--assembly", "/etc/hostname", "ping" },
        new[] { "check", "Nope" },
        new[] { "check", "Election", "--depth", "-1" },
        new[] { "check", "Election", "--threads", "0" },
        new[] { "check", "--assembly", "/etc/hostname", "Election" },
        new[] { "replay", "/nonexistent/x.counterexample.json" },
        new[] { "replay", "@truncated" },
        new[] { "replay", "@garbage" },
        new[] { "compile", "/nonexistent/x.mace" },
        new[] { "certs", "--out", "@dir", "--node", "not-an-address" },
        new[] { "certs", "--out", "@dir", "--node", "127.0.0.1:5000", "--days", "0" },
        new[] { "loc", "/nonexistent/folder" },
        new[] { "log", "show", "/nonexistent/x.macelog" },
        new[] { "log", "show", "@garbage" },
        new[] { "log", "stats", "@truncated" },
        new[] { "log", "show", "@log", "--limit", "0" },
        new[] { "log", "frobnicate" },
        new[] { "sim", "ping", "--trace-log", "/nonexistent/folder/x.macelog" },
        new[] { "run", "Ping", "--trace-log", "/nonexistent/folder/x.macelog" },
        new[] { "mdb", "/nonexistent/x.macelog" },
        new[] { "mdb", "@garbage" },
        new[] { "mdb", "@log" },
        new[] { "mdb", "@log", "--port", "70000" },
        new[] { "paths", "@log" },
        new[] { "run", "Ping", "--otlp", "not a url" },
        new[] { "run", "Ping", "--otlp", "http://127.0.0.1:4318", "--otlp-protocol", "pigeon" },
        new[] { "paths", "@log", "--start", "Ping.Sweep", "--otlp", "not a url" },
        new[] { "paths", "@log", "--start", "Ping.Sweep", "--otlp-protocol", "carrier-pigeon" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_ExitsNonZero_WithAMessage_NeverAStackTrace(string[] arguments)
    {
        var resolved = arguments.Select(Resolve).ToArray();
        using var mace = MaceProcess.Start(resolved);
        var exit = await mace.WaitForExitAsync();
        var output = mace.Output;

        Assert.True(exit != 0, $"mace {string.Join(' ', arguments)} exited 0:\n{output}");
        Assert.False(string.IsNullOrWhiteSpace(output), $"mace {string.Join(' ', arguments)} said nothing");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output);
    }

    private string Resolve(string argument)
    {
        switch (argument)
        {
            case "@truncated":
                var truncated = Path.Combine(_scratch, "truncated.counterexample.json");
                File.WriteAllText(truncated, "{ \"test\": \"Election.VoteTwice\", \"seed\": 7, \"steps\": [ { \"node\": ");
                return truncated;
            case "@garbage":
                var garbage = Path.Combine(_scratch, "garbage.counterexample.json");
                File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 512).Select(i => (byte)((i * 37) ^ 0x5A))]);
                return garbage;
            case "@log":
                var log = Path.Combine(_scratch, "empty.macelog");
                using (Mace.Runtime.Tracing.TraceLogWriter.Create(log))
                {
                }
                return log;
            case "@dir":
                return Path.Combine(_scratch, "certs");
            default:
                return argument;
        }
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
