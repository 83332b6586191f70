using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Mace.Hosting;
using Mace.TestServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Runtime.Tests.Hosting;

/// <summary>
/// AddMaceNode under the generic host: a user's NodeApplication (Beacon) configured from the
/// configuration system runs on real sockets, hears a second hosted node, and releases its port on
/// stop; bad configuration fails the host's start with a message naming the key.
/// </summary>
public sealed class GenericHostTests
{
    [Fact]
    public async Task TwoHostedNodes_ConfiguredFromConfiguration_HearEachOther_AndStopCleanly()
    {
        var firstLog = new LineLog();
        using var first = BuildHost(firstLog, new() { ["Mace:Parameters:PeriodMs"] = "100" });
        await first.StartAsync();
        var firstNode = await first.Services.GetRequiredService<MaceNodeService>().Started;

        var secondLog = new LineLog();
        using var second = BuildHost(secondLog, new() { ["Mace:Bootstrap"] = $"{firstNode.Address}", ["Mace:Seed"] = "5" });
        await second.StartAsync();
        var secondNode = await second.Services.GetRequiredService<MaceNodeService>().Started;

        await firstLog.WaitForAsync($"PeerHeard {secondNode.Address}");
        await secondLog.WaitForAsync($"PeerHeard {firstNode.Address}");
        Assert.Contains($"Beacon listening on {firstNode.Address}", firstLog.Text, StringComparison.Ordinal);

        await first.StopAsync();
        await firstLog.WaitForAsync($"stopped {firstNode.Address}");
        // The port is free again: the node closed its listener.
        using var listener = new TcpListener(IPAddress.Loopback, firstNode.Address.Port);
        listener.Start();
        listener.Stop();
        await second.StopAsync();
    }

    [Fact]
    public async Task BootstrapListNamingTheNodeItself_ByHostName_SkipsItself_ContactsTheRest()
    {
        var firstLog = new LineLog();
        using var first = BuildHost(firstLog, new() { ["Mace:Parameters:PeriodMs"] = "100" });
        await first.StartAsync();
        var firstNode = await first.Services.GetRequiredService<MaceNodeService>().Started;

        var own = Mace.Runtime.Tests.Transports.Security.TestCluster.FreeAddress();
        var secondLog = new LineLog();
        // Its own entry comes first: had it been contacted, its PeerHeard would precede the other's.
        using var second = BuildHost(secondLog, new()
        {
            ["Mace:Port"] = own.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mace:Bootstrap"] = $"localhost:{own.Port},{firstNode.Address}",
            ["Mace:Parameters:PeriodMs"] = "100",
        });
        await second.StartAsync();
        Assert.Equal(own, (await second.Services.GetRequiredService<MaceNodeService>().Started).Address);

        await secondLog.WaitForAsync($"PeerHeard {firstNode.Address}");
        await firstLog.WaitForAsync($"PeerHeard {own}");
        Assert.DoesNotContain($"PeerHeard {own}", secondLog.Text, StringComparison.Ordinal);
        await second.StopAsync();
        await first.StopAsync();
    }

    [Theory]
    [InlineData("Mace:Port", "http", "Mace:Port 'http' is not an integer from 0 to 65535")]
    [InlineData("Mace:Bind", "localhost", "Mace:Bind 'localhost' is not an IPv4 address")]
    [InlineData("Mace:Bootstrap", "10.0.0.1", "Mace:Bootstrap '10.0.0.1' is not host:port")]
    [InlineData("Mace:Parameters:Speed", "3", "Mace:Parameters:Speed: Beacon has no parameter 'Speed' (known: PeriodMs)")]
    [InlineData("Mace:Parameters:PeriodMs", "-1", "Beacon could not start: parameter PeriodMs must be positive, not -1")]
    [InlineData("Mace:Security:Certificate", "/nonexistent/node.pfx", "Mace:Security:Authority is missing")]
    public async Task BadConfiguration_FailsStart_NamingTheKey(string key, string value, string message)
    {
        using var host = BuildHost(new LineLog(), new() { [key] = value });
        var error = await Assert.ThrowsAsync<MaceConfigurationException>(() => host.StartAsync());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bootstrap_ReadsAnArrayOrACommaSeparatedString()
    {
        var array = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mace:Bootstrap:0"] = "10.0.0.1:5000",
            ["Mace:Bootstrap:1"] = "mace-1.mace:5000",
        }).Build();
        Assert.Equal(["10.0.0.1:5000", "mace-1.mace:5000"], MaceNodeSettings.Read(array.GetSection("Mace")).Bootstrap);
        var single = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mace:Bootstrap"] = "10.0.0.1:5000, 10.0.0.2:5001" }).Build();
        Assert.Equal(["10.0.0.1:5000", "10.0.0.2:5001"], MaceNodeSettings.Read(single.GetSection("Mace")).Bootstrap);
    }

    private static IHost BuildHost(LineLog log, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(log);
        builder.Services.AddMaceNode<BeaconNodeApplication>(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Every formatted log line, with a wait for one containing a text.</summary>
    private sealed class LineLog : ILoggerProvider
    {
        private readonly List<string> _lines = [];
        private readonly Channel<string> _arrivals = Channel.CreateUnbounded<string>();

        public string Text
        {
            get
            {
                lock (_lines) return string.Join('\n', _lines);
            }
        }

        public ILogger CreateLogger(string categoryName) => new LineLogger(this);

        public void Dispose()
        {
        }

        public async Task WaitForAsync(string text)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            lock (_lines)
            {
                if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return;
            }
            try
            {
                await foreach (var line in _arrivals.Reader.ReadAllAsync(timeout.Token))
                {
                    if (line.Contains(text, StringComparison.Ordinal)) return;
                }
            }
            catch (OperationCanceledException)
            {
            }
            throw new TimeoutException($"no log line containing '{text}'; log so far:\n{Text}");
        }

        private void Add(string line)
        {
            lock (_lines) _lines.Add(line);
            _arrivals.Writer.TryWrite(line);
        }

        private sealed class LineLogger(LineLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Add(formatter(state, exception));
        }
    }
}
