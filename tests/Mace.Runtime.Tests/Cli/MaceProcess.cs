using System.Diagnostics;
using System.Threading.Channels;

namespace Mace.Runtime.Tests.Cli;

/// <summary>A <c>dotnet mace.dll run ...</c> child process whose output lines can be awaited.</summary>
internal sealed class MaceProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private MaceProcess(Process process)
    {
        _process = process;
    }

    public static string MaceDll => Path.Combine(AppContext.BaseDirectory, "mace.dll");

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_seen) return string.Join('\n', _seen);
        }
    }

    public static MaceProcess Start(params string[] arguments) => StartWith([], arguments);

    /// <summary>Starts <c>LAUNCHER... dotnet mace.dll ARGUMENTS</c>, e.g. inside a network namespace with <c>ip netns exec NAME</c>.</summary>
    public static MaceProcess StartWith(IReadOnlyList<string> launcher, params string[] arguments)
    {
        var info = new ProcessStartInfo(launcher.Count == 0 ? "dotnet" : launcher[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var word in launcher.Skip(1)) info.ArgumentList.Add(word);
        if (launcher.Count > 0) info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(MaceDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new MaceProcess(process);
        process.OutputDataReceived += (_, e) => result.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => result.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>The first line (from now on, or already seen) containing <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text) => await WaitForLineAsync(text, TimeSpan.FromSeconds(60));

    /// <summary>The first line (from now on, or already seen) containing <paramref name="text"/>, waiting at most <paramref name="limit"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan limit)
    {
        lock (_seen)
        {
            var earlier = _seen.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (earlier is not null) return earlier;
        }
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.Contains(text, StringComparison.Ordinal)) return line;
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException($"no line containing '{text}'; output so far:\n{Output}");
    }

    /// <summary>The address printed on the "listening on" line.</summary>
    public async Task<NodeAddress> ListeningAddressAsync()
    {
        var line = await WaitForLineAsync("listening on ");
        return NodeAddress.Parse(line[(line.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim());
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGTERM (what a service manager or `kill` sends) and waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_seen) _seen.Add(line);
        _lines.Writer.TryWrite(line);
    }
}
